using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Outreach.Integrations.PersonalData;

namespace Outreach.Demo.Communities;

/// <summary>
/// Makes a roster of fictional residents in the community systems' JSON shape (as residents_GL01_snapshot.json):
/// valid ID numbers (GB 11643 check character), mobile numbers, example.cn addresses, a few moved out or withdrawn.
/// The same seed gives the same people.
/// </summary>
internal static class RosterGenerator
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆范汪金石廖贾夏韦方邹熊孟秦邱侯江尹薛";
    private const string GivenCharacters = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国文辉力琳宁晨浩宇欣怡佳雪梅婷瑶博翔凯峰";
    private static readonly string[] Roads = ["古林路", "薛家路", "西洋港路", "布政路", "礼嘉桥路", "蜃蛟路", "仲一路", "茂新路"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="count"/> residents of <paramref name="communityCode"/> as {"residents": [...]}.</summary>
    public static void Write(string path, string communityCode, int count, DateOnly asOf, int seed)
    {
        var random = new Random(seed);
        var residents = Enumerable.Range(1, count).Select(n => Resident(communityCode, n, asOf, random)).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new { residents, next = (string?)null }, Json), new UTF8Encoding(false));
    }

    private static GeneratedResident Resident(string code, int number, DateOnly asOf, Random random)
    {
        var birth = asOf.AddYears(-random.Next(16, 90)).AddDays(-random.Next(0, 365));
        var hasEmail = random.NextDouble() < 0.7;
        var updated = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8))
            .AddDays(-random.Next(1, 200)).AddMinutes(random.Next(0, 24 * 60));
        return new GeneratedResident
        {
            ResidentId = string.Create(CultureInfo.InvariantCulture, $"{code}-{number:0000000}"),
            Name = Name(random),
            IdNumber = IdNumberBornOn(birth, random),
            Phone = string.Create(CultureInfo.InvariantCulture, $"1{random.Next(3, 10)}{random.Next(0, 1_000_000_000):000000000}"),
            Email = hasEmail ? string.Create(CultureInfo.InvariantCulture, $"r{code.ToLowerInvariant()}{number}@mail.example.cn") : "",
            Address = string.Create(CultureInfo.InvariantCulture,
                $"古林镇{Roads[random.Next(Roads.Length)]}{random.Next(1, 300)}号{random.Next(1, 20)}幢{random.Next(101, 1999)}室"),
            BirthDate = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = random.Next(100) switch
            {
                < 92 => "active",
                < 96 => "moved_out",
                < 98 => "withdrawn",
                _ => "deceased",
            },
            WantsLibraryCard = random.NextDouble() < 0.75,
            EmailOptIn = hasEmail && random.NextDouble() < 0.6,
            UpdatedAt = updated.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
    }

    private static string Name(Random random)
    {
        var name = new StringBuilder().Append(Surnames[random.Next(Surnames.Length)]);
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            name.Append(GivenCharacters[random.Next(GivenCharacters.Length)]);
        }

        return name.ToString();
    }

    /// <summary>Haishu district's area code, the birth date, a sequence number and the ISO 7064 MOD 11-2 check character.</summary>
    private static string IdNumberBornOn(DateOnly birth, Random random)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"330203{birth:yyyyMMdd}{random.Next(0, 1000):000}");
        return body + IdNumber.CheckCharacter(body);
    }

    private sealed record GeneratedResident
    {
        public required string ResidentId { get; init; }
        public required string Name { get; init; }
        public required string IdNumber { get; init; }
        public required string Phone { get; init; }
        public required string Email { get; init; }
        public required string Address { get; init; }
        public required string BirthDate { get; init; }
        public required string Status { get; init; }
        public required bool WantsLibraryCard { get; init; }
        public required bool EmailOptIn { get; init; }
        public required string UpdatedAt { get; init; }
    }
}
