using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities.CsvDrop;

/// <summary>A drop folder per test with csv communities GL03 and GL04 pointed at it, wired as a host would.</summary>
internal sealed class CsvDropFixture : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly ServiceProvider _services;

    public CsvDropFixture(DateTimeOffset? now = null, string? timeZone = null)
    {
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.FromHours(8)));
        var settings = new Dictionary<string, string?> { ["Outreach:FileDrops:Root"] = _folder.FolderPath };
        if (timeZone is not null)
            settings["Outreach:TimeZone"] = timeZone;
        foreach (var code in new[] { "GL03", "GL04" })
        {
            settings[$"Outreach:Communities:{code}:Name"] = code;
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = _folder.PathOf(code);
            System.IO.Directory.CreateDirectory(_folder.PathOf(code));
        }
        _services = TestServices.Build(settings, services => services.AddSingleton<TimeProvider>(Time));
    }

    public FakeTimeProvider Time { get; }

    public ICommunityDirectory Directory => _services.GetRequiredService<ICommunityDirectory>();

    public ICardStatusPublisher Publisher => _services.GetRequiredService<ICardStatusPublisher>();

    public string DropFolderOf(string code) => _folder.PathOf(code);

    public string Drop(string code, string testDataName, string fileName) => _folder.CopyTestData(testDataName, Path.Combine(code, fileName));

    public string DropText(string code, string fileName, string text, System.Text.Encoding encoding)
    {
        var path = _folder.PathOf(code, fileName);
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        return path;
    }

    public static async Task<List<ResidentRow>> ReadAllAsync(RosterReading reading)
    {
        var rows = new List<ResidentRow>();
        await foreach (var row in reading.ReadAsync(CancellationToken.None))
            rows.Add(row);
        return rows;
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
