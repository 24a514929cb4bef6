using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities;

public class ResidentRowValidatorTests
{
    private static readonly ResidentRow GoodRow = new()
    {
        RowNumber = 7,
        RawText = "raw",
        ResidentId = " GL01-0000007 ",
        Name = "蒋薇",
        IdNumber = "11010519491231002x",
        Phone = "15038854214",
        Email = "rgl041@mail.example.cn",
        Address = "古林镇薛家路14号9幢1214室",
        BirthDate = "1949-12-31",
        Status = "active",
        WantsLibraryCard = "true",
        EmailOptIn = "是",
        UpdatedAt = "2026-09-24T00:22:00+08:00",
    };

    private static RowVerdict.Accepted Accepted(ResidentRow row, CommunityKind kind = CommunityKind.Csv) =>
        Assert.IsType<RowVerdict.Accepted>(ResidentRowValidator.Validate(row, kind));

    private static RowVerdict.Quarantined Quarantined(ResidentRow row, CommunityKind kind = CommunityKind.Csv) =>
        Assert.IsType<RowVerdict.Quarantined>(ResidentRowValidator.Validate(row, kind));

    [Fact]
    public void Good_row_is_accepted_with_typed_and_normalised_fields()
    {
        var verdict = Accepted(GoodRow, CommunityKind.Rest);

        Assert.Empty(verdict.Warnings);
        var resident = verdict.Resident;
        Assert.Equal("GL01-0000007", resident.ResidentId);
        Assert.Equal("11010519491231002X", resident.IdNumber);
        Assert.Equal(new DateOnly(1949, 12, 31), resident.BirthDate);
        Assert.Equal(ResidentStatus.Active, resident.Status);
        Assert.True(resident.WantsLibraryCard);
        Assert.True(resident.EmailOptIn);
        Assert.Equal(new DateTimeOffset(2026, 9, 24, 0, 22, 0, TimeSpan.FromHours(8)), resident.UpdatedAt);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("是", true)]
    [InlineData("1", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData(" 否", false)]
    [InlineData("0", false)]
    [InlineData("NO", false)]
    public void Booleans_are_read_in_every_form_the_communities_write(string text, bool expected) =>
        Assert.Equal(expected, Accepted(GoodRow with { WantsLibraryCard = text }).Resident.WantsLibraryCard);

    [Theory]
    [InlineData("active", ResidentStatus.Active)]
    [InlineData("moved_out", ResidentStatus.MovedOut)]
    [InlineData("Withdrawn", ResidentStatus.Withdrawn)]
    [InlineData(" deceased ", ResidentStatus.Deceased)]
    public void Statuses_are_read(string text, ResidentStatus expected) =>
        Assert.Equal(expected, Accepted(GoodRow with { Status = text }).Resident.Status);

    public static TheoryData<ResidentRow, string> RowsWithUnreliableIdentity => new()
    {
        { GoodRow with { FormatProblem = "row has 9 fields where the header has 11" }, QuarantineReasons.MalformedRow },
        { GoodRow with { ResidentId = " " }, QuarantineReasons.MissingResidentId },
        { GoodRow with { Name = null }, QuarantineReasons.MissingName },
        { GoodRow with { IdNumber = "110105194912310021" }, QuarantineReasons.InvalidIdNumber },
        { GoodRow with { IdNumber = "11010519491231002" }, QuarantineReasons.InvalidIdNumber },
        { GoodRow with { BirthDate = "1990-02-30" }, QuarantineReasons.InvalidBirthDate },
        { GoodRow with { BirthDate = "31/12/1949" }, QuarantineReasons.InvalidBirthDate },
        { GoodRow with { Status = "on_holiday" }, QuarantineReasons.UnknownStatus },
        { GoodRow with { Status = "" }, QuarantineReasons.UnknownStatus },
        { GoodRow with { WantsLibraryCard = "maybe" }, QuarantineReasons.InvalidWantsLibraryCard },
        { GoodRow with { WantsLibraryCard = null }, QuarantineReasons.InvalidWantsLibraryCard },
    };

    [Theory]
    [MemberData(nameof(RowsWithUnreliableIdentity))]
    public void Row_with_unreliable_identity_is_quarantined_with_a_stable_reason(ResidentRow row, string reasonCode)
    {
        var verdict = Quarantined(row);

        Assert.Equal(reasonCode, verdict.ReasonCode);
        foreach (var personal in new[] { row.ResidentId, row.Name, row.IdNumber, row.Phone, row.Email, row.BirthDate })
        {
            if (!string.IsNullOrWhiteSpace(personal))
                Assert.DoesNotContain(personal.Trim(), verdict.ReasonText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rest_row_without_updated_at_is_quarantined()
    {
        Assert.Equal(QuarantineReasons.MissingUpdatedAt, Quarantined(GoodRow with { UpdatedAt = null }, CommunityKind.Rest).ReasonCode);
        Assert.Equal(QuarantineReasons.MissingUpdatedAt, Quarantined(GoodRow with { UpdatedAt = "2026-09-24T00:22:00" }, CommunityKind.Rest).ReasonCode);
    }

    [Fact]
    public void Csv_row_may_go_without_updated_at()
    {
        var verdict = Accepted(GoodRow with { UpdatedAt = "" });

        Assert.Null(verdict.Resident.UpdatedAt);
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public void Csv_row_with_unreadable_updated_at_keeps_a_warning() =>
        Assert.Equal([RowWarnings.UpdatedAtDropped], Accepted(GoodRow with { UpdatedAt = "yesterday" }).Warnings);

    [Theory]
    [InlineData("2026-09-24T00:22:00Z")]
    [InlineData("2026-09-24T00:22:00.123+08:00")]
    [InlineData("2026-09-24T00:22+08:00")]
    public void Timestamps_with_an_offset_are_read(string text) =>
        Assert.NotNull(Accepted(GoodRow with { UpdatedAt = text }, CommunityKind.Rest).Resident.UpdatedAt);

    [Fact]
    public void Bad_phone_is_left_out_with_a_warning()
    {
        var verdict = Accepted(GoodRow with { Phone = "12345" });

        Assert.Null(verdict.Resident.Phone);
        Assert.Equal([RowWarnings.PhoneDropped], verdict.Warnings);
    }

    [Fact]
    public void Bad_email_is_left_out_with_a_warning()
    {
        var verdict = Accepted(GoodRow with { Email = "not-an-email@" });

        Assert.Null(verdict.Resident.Email);
        Assert.Equal([RowWarnings.EmailDropped], verdict.Warnings);
    }

    [Fact]
    public void Unreadable_email_consent_counts_as_no_consent()
    {
        var verdict = Accepted(GoodRow with { EmailOptIn = "perhaps" });

        Assert.False(verdict.Resident.EmailOptIn);
        Assert.Equal([RowWarnings.EmailOptInNotUnderstood], verdict.Warnings);
    }

    [Fact]
    public void Empty_optional_fields_are_absent_without_warnings()
    {
        var verdict = Accepted(GoodRow with { IdNumber = "", Phone = " ", Email = null, Address = "", BirthDate = "", EmailOptIn = "" });

        Assert.Empty(verdict.Warnings);
        Assert.Null(verdict.Resident.IdNumber);
        Assert.Null(verdict.Resident.Phone);
        Assert.Null(verdict.Resident.Address);
        Assert.Null(verdict.Resident.BirthDate);
        Assert.False(verdict.Resident.EmailOptIn);
    }

    [Fact]
    public void Rows_and_residents_print_no_personal_data()
    {
        var resident = Accepted(GoodRow).Resident;

        foreach (var text in new[] { GoodRow.ToString(), resident.ToString() })
        {
            Assert.DoesNotContain("蒋薇", text, StringComparison.Ordinal);
            Assert.DoesNotContain("11010519491231002", text, StringComparison.Ordinal);
            Assert.DoesNotContain("15038854214", text, StringComparison.Ordinal);
        }
    }
}
