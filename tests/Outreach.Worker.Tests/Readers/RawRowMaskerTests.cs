using System.Text.RegularExpressions;
using Outreach.Integrations.Communities;
using Outreach.Worker.Readers.Sync;

namespace Outreach.Worker.Tests.Readers;

public sealed partial class RawRowMaskerTests
{
    // The row of the issue: refused only for its missing name, with a valid ID number whose hidden digits are the birth date.
    private static ResidentRow Row(string? name = null, string? formatProblem = null) => new()
    {
        RowNumber = 12,
        RawText = $"GL03-0000012,{name},330203194606241488,13812345678,wang.fang@example.cn,古林镇薛家路12号3幢,1946-06-24,active,是,否,2026-11-19T08:00:00+08:00",
        FormatProblem = formatProblem,
        ResidentId = "GL03-0000012",
        Name = name,
        IdNumber = "330203194606241488",
        Phone = "13812345678",
        Email = "wang.fang@example.cn",
        Address = "古林镇薛家路12号3幢",
        BirthDate = "1946-06-24",
        Status = "active",
        WantsLibraryCard = "是",
        EmailOptIn = "否",
        UpdatedAt = "2026-11-19T08:00:00+08:00",
    };

    [Fact]
    public void A_row_refused_for_its_name_keeps_the_masked_id_number_and_nothing_that_rebuilds_it()
    {
        var masked = RawRowMasker.Mask(Row());

        Assert.Equal("resident_id GL03-0000012 · id_number 330203********1488 · phone 138****5678 · email w***@example.cn · address … · "
            + "birth_date … · status active · wants_library_card 是 · email_opt_in 否 · updated_at …", masked);
        AssertHiddenDigitsUnreadable(masked);
    }

    [Fact]
    public void Names_are_masked_and_addresses_never_kept()
    {
        var masked = RawRowMasker.Mask(Row(name: "王芳华"));

        Assert.Contains("name 王*华", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("王芳华", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("薛家路", masked, StringComparison.Ordinal);
        AssertHiddenDigitsUnreadable(masked);
    }

    [Fact]
    public void A_row_that_could_not_be_split_into_its_fields_keeps_nothing()
    {
        Assert.Equal("", RawRowMasker.Mask(Row(name: "王芳华", formatProblem: "row has 12 fields where the header has 11")));
    }

    [Theory]
    [InlineData("1946-06-24")]
    [InlineData("19460624")]
    [InlineData("330203194606241488")]
    [InlineData("wang.fang@example.cn")]
    public void A_value_in_the_wrong_column_is_withheld(string value)
    {
        var row = Row() with { Status = value, WantsLibraryCard = value, EmailOptIn = value, Name = value, Phone = value };

        var masked = RawRowMasker.Mask(row);

        Assert.DoesNotContain(value, masked, StringComparison.Ordinal);
        AssertHiddenDigitsUnreadable(masked);
    }

    [Fact]
    public void An_id_number_of_the_wrong_length_is_withheld_whole()
    {
        var masked = RawRowMasker.Mask(Row() with { IdNumber = "33020319460624148" });

        Assert.Contains("id_number …", masked, StringComparison.Ordinal);
    }

    // The eight digits the ID number's mask hides, in any form a date or a number can take.
    private static void AssertHiddenDigitsUnreadable(string masked)
    {
        Assert.DoesNotMatch(BirthDatePattern(), masked);
        Assert.DoesNotContain("330203194606241488", masked, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"1946|0624|06-24|6月24|19460624")]
    private static partial Regex BirthDatePattern();
}
