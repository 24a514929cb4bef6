using System.Globalization;
using Outreach.Sandbox.Communities;

namespace Outreach.EndToEnd.Tests.Hosting;

/// <summary>Fictional residents with valid ID numbers (GB 11643 check character), as many as a test needs.</summary>
public static class Residents
{
    public static string IdNumber(int serial)
    {
        // 330203 (Haishu), a real birth date in 1940-1999, a three-digit sequence: unique for serial < 60 * 12 * 28 * 1000.
        var birth = new DateOnly(1940 + serial % 60, 1 + serial / 60 % 12, 1 + serial / 720 % 28);
        var body = string.Create(CultureInfo.InvariantCulture, $"330203{birth:yyyyMMdd}{serial / 20160 % 1000:000}");
        return body + Outreach.Integrations.PersonalData.IdNumber.CheckCharacter(body);
    }

    /// <summary>Every third resident does not want a card, so "cards = residents who want one" is a real check.</summary>
    public static SimResident Make(string community, int serial) => new()
    {
        ResidentId = string.Create(CultureInfo.InvariantCulture, $"{community}-{serial:0000000}"),
        Name = "测试居民" + serial.ToString(CultureInfo.InvariantCulture),
        IdNumber = IdNumber(serial),
        Phone = string.Create(CultureInfo.InvariantCulture, $"139{serial:00000000}"),
        Email = string.Create(CultureInfo.InvariantCulture, $"r{serial}@mail.example.cn"),
        Address = "古林镇测试路1号",
        BirthDate = "1980-01-01",
        Status = "active",
        WantsLibraryCard = serial % 3 != 0,
        EmailOptIn = serial % 2 == 0,
        UpdatedAt = "2026-11-20T08:00:00+08:00",
    };

    public static List<SimResident> Range(string community, int from, int count) =>
        Enumerable.Range(from, count).Select(i => Make(community, i)).ToList();
}
