using System.Globalization;
using Outreach.Sandbox.Communities;

namespace Outreach.Worker.Tests.Readers;

/// <summary>Fictional residents with valid ID numbers, for rosters the tests shape themselves.</summary>
public static class SimResidents
{
    public static string IdNumber(int serial)
    {
        // 330203 (Haishu), a real birth date in 1970-1999, then a three-digit sequence: unique for serial < 30 * 9 * 9 * 1000.
        var birth = new DateOnly(1970 + serial % 30, 1 + serial / 30 % 9, 10 + serial / 270 % 9);
        var body = string.Create(CultureInfo.InvariantCulture, $"330203{birth:yyyyMMdd}{serial / 2430 % 1000:000}");
        return body + Outreach.Integrations.PersonalData.IdNumber.CheckCharacter(body);
    }

    public static SimResident Make(string community, int serial, string status = "active", bool wantsCard = true) => new()
    {
        ResidentId = string.Create(CultureInfo.InvariantCulture, $"{community}-{serial:0000000}"),
        Name = "测试居民" + serial.ToString(CultureInfo.InvariantCulture),
        IdNumber = IdNumber(serial),
        Phone = string.Create(CultureInfo.InvariantCulture, $"139{serial:00000000}"),
        Email = string.Create(CultureInfo.InvariantCulture, $"r{serial}@mail.example.cn"),
        Address = "古林镇测试路1号",
        BirthDate = "1980-01-01",
        Status = status,
        WantsLibraryCard = wantsCard,
        EmailOptIn = serial % 2 == 0,
        UpdatedAt = "2026-11-20T08:00:00+08:00",
    };

    public static List<SimResident> Range(string community, int from, int count) =>
        Enumerable.Range(from, count).Select(i => Make(community, i)).ToList();
}
