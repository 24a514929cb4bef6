using System.Globalization;
using System.Text;
using Outreach.Integrations.PersonalData;

namespace Outreach.Bench.Sync;

/// <summary>
/// Writes a community roster of fictional residents as the town's Excel exports do: GB18030, Chinese headers,
/// CRLF. Rows stream to disk; every <c>changeEvery</c>-th resident gets a different address (the "1% changed" file). Two
/// rosters written with different area codes share no ID number.
/// </summary>
public static class RosterFileWriter
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"];

    public static void Write(string path, string community, int rows, int changeEvery = 0, string areaCode = "330203")
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var writer = new StreamWriter(path, append: false, Encoding.GetEncoding("GB18030"), 1 << 16) { NewLine = "\r\n" };
        writer.WriteLine("住户编号,姓名,身份证号,手机号,电子邮箱,住址,出生日期,状态,办证意愿,邮件订阅");
        var line = new StringBuilder(256);
        for (var i = 0; i < rows; i++)
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(i / 1000);
            var body = string.Create(CultureInfo.InvariantCulture, $"{areaCode}{birth:yyyyMMdd}{i % 1000:000}");
            var changed = changeEvery > 0 && i % changeEvery == 0;
            line.Clear()
                .Append(CultureInfo.InvariantCulture, $"{community}-{i:0000000},")
                .Append(Surnames[i % Surnames.Length]).Append(Given[i / 16 % Given.Length]).Append(Given[i / 256 % Given.Length]).Append(',')
                .Append(body).Append(IdNumber.CheckCharacter(body)).Append(',')
                .Append(CultureInfo.InvariantCulture, $"13{i % 10}{i:00000000},")
                .Append(CultureInfo.InvariantCulture, $"r{i}@mail.example.cn,")
                .Append(CultureInfo.InvariantCulture, $"古林镇{(changed ? "新建路" : "古林路")}{i % 300}号{i % 40}幢{i % 900}室,")
                .Append(CultureInfo.InvariantCulture, $"{birth:yyyy-MM-dd},")
                .Append(i % 50 == 0 ? "moved_out" : "active").Append(',')
                .Append(i % 10 == 0 ? "否" : "是").Append(',')
                .Append(i % 3 == 0 ? "是" : "否");
            writer.WriteLine(line);
        }
    }
}
