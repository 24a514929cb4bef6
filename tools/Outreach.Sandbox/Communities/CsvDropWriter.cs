using System.Globalization;
using System.Text;

namespace Outreach.Sandbox.Communities;

/// <summary>Writes a community's full snapshot as the file drop of spec kind csv: RFC 4180 quoting, CRLF line ends.</summary>
internal static class CsvDropWriter
{
    private static readonly string[] EnglishHeaders =
        ["resident_id", "name", "id_number", "phone", "email", "address", "birth_date", "status", "wants_library_card", "email_opt_in", "updated_at"];

    private static readonly string[] ChineseHeaders =
        ["住户编号", "姓名", "身份证号", "手机号", "电子邮箱", "住址", "出生日期", "状态", "办证意愿", "邮件订阅", "更新时间"];

    public static string Write(string code, IEnumerable<SimResident> residents, string folder, DateOnly date, CsvDropFormat format)
    {
        var text = new StringBuilder();
        AppendRow(text, format.Chinese ? ChineseHeaders : EnglishHeaders);
        foreach (var r in residents)
        {
            AppendRow(text, [r.ResidentId, r.Name, r.IdNumber, r.Phone, r.Email, r.Address, r.BirthDate, r.Status,
                YesNo(r.WantsLibraryCard, format.Chinese), YesNo(r.EmailOptIn, format.Chinese), r.UpdatedAt]);
        }

        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"residents_{code}_{date:yyyyMMdd}.csv");
        var path = Path.Combine(folder, name);
        // Written aside and renamed, so a watcher on the folder never picks up half a file.
        var partial = Path.Combine(folder, $".{name}.partial");
        var preamble = format.Encoding.GetPreamble();
        var body = format.Encoding.GetBytes(text.ToString());
        using (var file = File.Create(partial))
        {
            file.Write(preamble);
            file.Write(body);
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static string YesNo(bool value, bool chinese) => (value, chinese) switch
    {
        (true, true) => "是",
        (false, true) => "否",
        (true, false) => "true",
        (false, false) => "false",
    };

    private static void AppendRow(StringBuilder text, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            AppendField(text, fields[i]);
        }

        text.Append("\r\n");
    }

    private static void AppendField(StringBuilder text, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(field);
            return;
        }

        text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
