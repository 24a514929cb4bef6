using Outreach.Integrations.Communities;
using Outreach.Integrations.Communities.CsvDrop;

namespace Outreach.Integrations.Tests.Communities.CsvDrop;

public class RosterHeaderMapTests
{
    private static readonly string[] Chinese = ["住户编号", "姓名", "身份证号", "手机号", "电子邮箱", "住址", "出生日期", "状态", "办证意愿", "邮件订阅", "更新时间"];
    private static readonly string[] English = ["resident_id", "name", "id_number", "phone", "email", "address", "birth_date", "status", "wants_library_card", "email_opt_in", "updated_at"];
    private static readonly string[] Values = ["GL03-0000002", "孔洋黛", "330203195404206099", "18666972510", "", "古林镇薛家路254号7幢1157室", "1954-04-20", "active", "否", "否", "2026-10-11T09:12:00+08:00"];

    private static RosterHeaderMap Map(params string[] header) => RosterHeaderMap.Create(header, "GL03", "residents_GL03_20261120.csv");

    private static void AssertRowMatchesValues(ResidentRow row)
    {
        Assert.Equal(Values[0], row.ResidentId);
        Assert.Equal(Values[1], row.Name);
        Assert.Equal(Values[2], row.IdNumber);
        Assert.Equal(Values[3], row.Phone);
        Assert.Equal(Values[4], row.Email);
        Assert.Equal(Values[5], row.Address);
        Assert.Equal(Values[6], row.BirthDate);
        Assert.Equal(Values[7], row.Status);
        Assert.Equal(Values[8], row.WantsLibraryCard);
        Assert.Equal(Values[9], row.EmailOptIn);
        Assert.Equal(Values[10], row.UpdatedAt);
        Assert.Null(row.FormatProblem);
    }

    [Fact]
    public void Chinese_headers_map_every_field() =>
        AssertRowMatchesValues(Map(Chinese).ToRow(Values, 1, "raw"));

    [Fact]
    public void English_headers_map_every_field() =>
        AssertRowMatchesValues(Map(English).ToRow(Values, 1, "raw"));

    [Fact]
    public void Mixed_headers_in_any_case_with_spaces_and_a_bom_map_every_field()
    {
        string[] mixed = ["\uFEFFResident_ID", " 姓名 ", "ID_NUMBER", "手机号", "Email", "住址", "birth_date", "状态", "wants_library_card", "邮件订阅", "Updated_At"];

        AssertRowMatchesValues(Map(mixed).ToRow(Values, 1, "raw"));
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_unknown_ones_are_ignored()
    {
        var map = Map("备注", "status", "name", "resident_id", "wants_library_card");

        var row = map.ToRow(["VIP", "moved_out", "张三", "GL03-9", "是"], 4, "raw");

        Assert.Equal(("GL03-9", "张三", "moved_out", "是"), (row.ResidentId, row.Name, row.Status, row.WantsLibraryCard));
        Assert.Null(row.IdNumber);
        Assert.Null(row.FormatProblem);
    }

    [Fact]
    public void Missing_required_column_names_the_column_and_the_file()
    {
        var failure = Assert.Throws<CommunitySystemException>(() => Map(English.Where(h => h != "status").ToArray()));

        Assert.Equal("Community GL03's roster residents_GL03_20261120.csv has no column for status (状态).", failure.Message);
        Assert.Equal("GL03", failure.CommunityCode);
    }

    [Fact]
    public void Optional_columns_may_be_missing() =>
        Assert.Null(Map("住户编号", "姓名", "状态", "办证意愿").ToRow(["GL03-1", "张三", "active", "是"], 1, "raw").Phone);

    [Fact]
    public void Same_field_in_two_columns_is_refused() =>
        Assert.Contains("two columns for name (姓名)", Assert.Throws<CommunitySystemException>(() => Map([.. English, "姓名"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Record_with_the_wrong_field_count_still_becomes_a_row_marked_malformed()
    {
        var row = Map(English).ToRow(Values[..9], 12, "GL03-0000002,孔洋黛,...");

        Assert.Equal("row has 9 fields where the header has 11", row.FormatProblem);
        Assert.Equal("GL03-0000002", row.ResidentId);
        Assert.Null(row.UpdatedAt);
        Assert.Equal(12, row.RowNumber);
    }
}
