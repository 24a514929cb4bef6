using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Hosting;
using Outreach.Worker.Activity;
using Outreach.Worker.Hosting;
using Outreach.Worker.Metrics;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Metrics.Reading;
using Xunit;

namespace Outreach.Testing.Metrics;

/// <summary>
/// A hub against its own database with communities GL01 (1,000 residents) and GL02 (2,000), a clock standing in
/// November 2026 (library time), an activity drop folder, and the sandbox's SMTP catcher for the report mail.
/// </summary>
public sealed class MetricsWorld : IAsyncDisposable
{
    public const string Recipient = "town-office@gulin.example.cn";
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private readonly HubHosts _hosts = new();

    private MetricsWorld(SandboxHost sandbox, FakeTimeProvider clock, string dropFolder)
    {
        Sandbox = sandbox;
        Clock = clock;
        DropFolder = dropFolder;
    }

    public SandboxHost Sandbox { get; }

    public FakeTimeProvider Clock { get; }

    public string DropFolder { get; }

    public IHost Hub { get; private set; } = null!;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public T Get<T>() where T : notnull => Hub.Services.GetRequiredService<T>();

    /// <summary>A world whose clock reads <paramref name="now"/> (default 2026-11-10 10:00 Shanghai).</summary>
    public static async Task<MetricsWorld> StartAsync(string purpose, bool mail = false, DateTimeOffset? now = null,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var clock = new FakeTimeProvider((now ?? new DateTimeOffset(2026, 11, 10, 10, 0, 0, Shanghai)).ToUniversalTime());
        var dropFolder = Path.Combine(Path.GetTempPath(), "outreach-tests", "activity-" + purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dropFolder);
        var world = new MetricsWorld(sandbox, clock, dropFolder);
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var settings = HubHosts.BaseSettings(connectionString);
        foreach (var (code, population) in new[] { ("GL01", 1000), ("GL02", 2000) })
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"古林{code}社区";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = population.ToString(CultureInfo.InvariantCulture);
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(dropFolder, "rosters", code);
        }

        settings["Outreach:Activity:DropFolder"] = dropFolder;
        if (mail)
        {
            settings["Outreach:Mail:Host"] = "127.0.0.1";
            settings["Outreach:Mail:Port"] = sandbox.SmtpPort.ToString(CultureInfo.InvariantCulture);
            settings["Outreach:Mail:Security"] = "None";
            settings["Outreach:Mail:From"] = "library@lib.example.cn";
            settings["Outreach:Mail:MessagesPerSecond"] = "0";
            settings["Outreach:Mail:RetryDelay"] = "00:00:00.010";
            settings["Outreach:Metrics:ReportRecipients:0"] = Recipient;
            settings["Outreach:Metrics:PublicBaseUrl"] = "http://127.0.0.1:5999";
        }

        configure?.Invoke(settings);
        world.Hub = await world._hosts.StartAsync(HostRole.Client, settings, services => services.AddSingleton<TimeProvider>(clock));
        world.Db = NpgsqlDataSource.Create(connectionString);
        return world;
    }

    public static DateTimeOffset At(int month, int day, int hour, int minute, int second = 0, int year = 2026) =>
        new(year, month, day, hour, minute, second, Shanghai);

    public Task<IntakeOutcome> SendAsync(string source, params ActivityRecord[] records) =>
        Get<ActivityIntake>().IngestAsync(new ActivityBatch(source, ActivityBatch.ApiChannel, $"api:{source}"), records, CancellationToken.None);

    /// <summary>Runs the metrics job as the CLI does; mail as configured.</summary>
    public Task<IReadOnlyList<ComputedMonth>> RunMetricsAsync(string? month, string? from = null, bool mail = true, bool rebuild = false) =>
        Get<MonthlyMetrics>().RunAsync(month, from, mail, rebuild, CancellationToken.None);

    public async Task<MonthlyReport> ReportAsync(string month)
    {
        Assert.True(ReportMonth.TryParse(month, out var parsed));
        return await Get<MetricsStore>().ReportAsync(parsed, CancellationToken.None) ?? throw new InvalidOperationException($"{month} is not computed.");
    }

    public Task ExecuteAsync(string sql, params object[] parameters) => Db.ExecuteAsync(sql, parameters);

    public Task<long> CountAsync(string sql, params object[] parameters) => Db.ScalarAsync(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await Db.DisposeAsync();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(DropFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
