using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Audit;
using Outreach.Worker.Hosting;
using Outreach.Worker.Readers.Cards;
using Outreach.Worker.Readers.Sync;

namespace Outreach.Worker.Tests.Readers;

/// <summary>
/// A hub against its own database and a sandbox of community systems: GL01 and GL02 speak the rest API over
/// loopback, GL03 and GL04 drop CSV files into folders of this world.
/// </summary>
public sealed class SyncWorld : IAsyncDisposable
{
    private readonly HubHosts _hosts = new();
    private Dictionary<string, string?> _settings = [];

    private SyncWorld(SandboxHost sandbox, string dropRoot)
    {
        Sandbox = sandbox;
        DropRoot = dropRoot;
    }

    public SandboxHost Sandbox { get; }

    public string DropRoot { get; }

    public IHost Hub { get; private set; } = null!;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public static async Task<SyncWorld> StartAsync(string purpose, Action<Dictionary<string, string?>>? configure = null)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var dropRoot = Path.Combine(Path.GetTempPath(), "outreach-tests", purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        var world = new SyncWorld(sandbox, dropRoot);
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var settings = HubHosts.BaseSettings(connectionString);
        settings["Outreach:FileDrops:Root"] = dropRoot;
        settings["Outreach:Resilience:RetryBaseDelay"] = "00:00:00.050";
        settings["Outreach:Resilience:RetryMaxDelay"] = "00:00:02";
        foreach (var code in new[] { "GL01", "GL02" })
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"Community {code}";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Rest";
            settings[$"Outreach:Communities:{code}:BaseUrl"] = sandbox.CommunityBaseUrl(code).ToString();
            settings[$"Outreach:Communities:{code}:Token"] = $"sandbox-{code}";
            settings[$"Outreach:Communities:{code}:PageSize"] = "100";
            sandbox.Communities.Seed(code, $"sandbox-{code}", []);
        }

        foreach (var code in new[] { "GL03", "GL04" })
        {
            Directory.CreateDirectory(Path.Combine(dropRoot, code));
            settings[$"Outreach:Communities:{code}:Name"] = $"Community {code}";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "2000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(dropRoot, code);
        }

        configure?.Invoke(settings);
        world._settings = settings;
        world.Hub = await world._hosts.StartAsync(HostRole.Client, settings);
        world.Db = NpgsqlDataSource.Create(connectionString);
        return world;
    }

    /// <summary>Stops the hub and starts another on the same database and sandbox, its settings changed (a redeploy).</summary>
    public async Task<IHost> RestartHubAsync(Action<Dictionary<string, string?>> configure, Action<IServiceCollection>? services = null)
    {
        await Hub.StopAsync();
        var settings = new Dictionary<string, string?>(_settings);
        configure(settings);
        Hub = await _hosts.StartAsync(HostRole.Client, settings, services);
        return Hub;
    }

    public static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    public void SeedRest(string code, IEnumerable<SimResident> residents) => Sandbox.Communities.Seed(code, $"sandbox-{code}", residents);

    public static IReadOnlyList<SimResident> Gl01Sample() => SnapshotFile.Load(TestData("residents_GL01_snapshot.json"));

    /// <summary>Drops a roster file as the community would; the newest unprocessed file wins.</summary>
    public string Drop(string code, string sourceFile, DateOnly date)
    {
        var target = Path.Combine(DropRoot, code, $"residents_{code}_{date:yyyyMMdd}.csv");
        File.Copy(sourceFile, target, overwrite: true);
        return target;
    }

    public Task<IReadOnlyDictionary<string, long>> SyncAsync(string code, CancellationToken cancellationToken = default) =>
        Hub.Services.GetRequiredService<RosterSync>().RunAsync(code, cancellationToken);

    public Task PushCardsAsync(string code) => Hub.Services.GetRequiredService<CardStatusPush>().RunAsync(code, CancellationToken.None);

    public Task<long> CountAsync(string sql, params object[] parameters) => Db.ScalarAsync(sql, parameters);

    public Task ExecuteAsync(string sql) => Db.ExecuteAsync(sql);

    public Task<bool> ApproveAsync(long refusedRunId) =>
        Hub.Services.GetRequiredService<SyncApprovals>().ApproveAsync(refusedRunId, new AuditActor(null, "test-operator", null), CancellationToken.None);

    public Task<List<string>> ListAsync(string sql, params object[] parameters) => Db.ListAsync(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await Db.DisposeAsync();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(DropRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
