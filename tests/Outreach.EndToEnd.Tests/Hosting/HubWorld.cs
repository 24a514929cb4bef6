using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Dashboard.Hosting;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;
using Outreach.Worker.Staff;

namespace Outreach.EndToEnd.Tests.Hosting;

/// <summary>
/// The hub as staff meet it: the dashboard on Kestrel (127.0.0.1, free port), worker hosts, the sandbox playing the
/// community systems, one database and a drop folder per csv community, and one staff account per role.
/// </summary>
public sealed class HubWorld : IAsyncDisposable
{
    private readonly List<IHost> _workers = [];
    private readonly WorldOptions _options;
    private WebApplication? _dashboard;

    private HubWorld(WorldOptions options, SandboxHost sandbox, string connectionString, string dropRoot, Dictionary<string, string?> settings)
    {
        _options = options;
        Sandbox = sandbox;
        ConnectionString = connectionString;
        DropRoot = dropRoot;
        Settings = settings;
        Db = NpgsqlDataSource.Create(connectionString);
    }

    public SandboxHost Sandbox { get; }

    public string ConnectionString { get; }

    public string DropRoot { get; }

    /// <summary>The settings the hosts were started with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public NpgsqlDataSource Db { get; }

    public WebApplication Dashboard => _dashboard ?? throw new InvalidOperationException("The dashboard has not started.");

    public Uri Address { get; private set; } = null!;

    public IHost Worker => _workers.Count > 0 ? _workers[0] : throw new InvalidOperationException("No worker host runs in this world.");

    public JobStorage Storage => Dashboard.Services.GetRequiredService<JobStorage>();

    public static async Task<HubWorld> StartAsync(string purpose, WorldOptions? options = null)
    {
        options ??= new WorldOptions();
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var dropRoot = Path.Combine(Path.GetTempPath(), "outreach-e2e", $"{purpose}-{Guid.NewGuid():N}"[..24]);
        foreach (var code in HubSettings.CsvCommunities)
        {
            Directory.CreateDirectory(Path.Combine(dropRoot, code));
        }

        foreach (var code in HubSettings.RestCommunities)
        {
            sandbox.Communities.Seed(code, HubSettings.TokenOf(code), []);
        }

        var connectionString = options.ConnectionString ?? await TestPostgres.CreateDatabaseAsync(purpose);
        var settings = HubSettings.For(connectionString, sandbox.BaseUrl, dropRoot);
        options.Configure?.Invoke(settings);
        options.ConfigureWithSandbox?.Invoke(settings, sandbox);
        var world = new HubWorld(options, sandbox, connectionString, dropRoot, settings);
        try
        {
            await world.StartDashboardAsync();
            if (options.InProcessWorker)
            {
                await world.StartWorkerAsync();
            }

            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts another in-process worker host (Hangfire servers) on the world's database.</summary>
    public async Task<IHost> StartWorkerAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        configure?.Invoke(settings);
        var worker = HubHost.Build(HostRole.Worker, settings, _options.WorkerServices);
        try
        {
            await worker.StartAsync();
        }
        catch
        {
            // Services that did start (Hangfire servers) must not go on working for a host that failed.
            try
            {
                await worker.StopAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                worker.Dispose();
            }

            throw;
        }

        _workers.Add(worker);
        return worker;
    }

    public StaffSession NewSession() => new(Address);

    public Task<StaffSession> SignedInAsync(string username) => NewSession().SignedInAsync(username);

    /// <summary>Enqueues a job of the catalog as "Run now" does; its Hangfire id.</summary>
    public string Enqueue(string job, params (string Name, string Value)[] arguments) =>
        Dashboard.Services.GetRequiredService<JobCatalog>().Get(job).Enqueue(
            Dashboard.Services.GetRequiredService<IBackgroundJobClient>(),
            new JobArguments(arguments.ToDictionary(a => a.Name, a => a.Value)));

    public string? StateOf(string jobId)
    {
        using var connection = Storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    public Task WaitForStateAsync(string jobId, string state, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => Task.FromResult(StateOf(jobId)), seen => seen == state, timeout ?? TimeSpan.FromSeconds(30),
            $"Hangfire job {jobId} in state {state}");

    /// <summary>
    /// Waits for a job's state as long as the hub keeps working towards it (see <see cref="ProgressAsync"/>): on a busy
    /// machine a long job takes longer, and only a job that stands still for <paramref name="stall"/> fails the test.
    /// </summary>
    public Task WaitForStateWhileWorkingAsync(string jobId, string state, TimeSpan stall) =>
        Eventually.HoldsWhileProgressingAsync(() => Task.FromResult(StateOf(jobId)), seen => seen == state,
            async () => $"{StateOf(jobId)} {await ProgressAsync()}", stall, $"Hangfire job {jobId} in state {state}");

    /// <summary>What moves while the hub works: the Hangfire servers that came and went, and every run row (new, progress, counts, end).</summary>
    public async Task<string> ProgressAsync()
    {
        await using var command = Db.CreateCommand("""
            SELECT concat_ws(' | ',
                (SELECT string_agg(id, ',' ORDER BY id) FROM hangfire.server),
                (SELECT string_agg(concat_ws(':', id, status, progress, counts::text), ',' ORDER BY id) FROM outreach.job_runs))
            """);
        return (await command.ExecuteScalarAsync()) as string ?? "";
    }

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<string>> ListAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers.AsEnumerable().Reverse())
        {
            try
            {
                await worker.StopAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                worker.Dispose();
            }
        }

        _workers.Clear();
        if (_dashboard is not null)
        {
            await _dashboard.StopAsync();
            await _dashboard.DisposeAsync();
        }

        await Db.DisposeAsync();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(DropRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder harms nothing.
        }
    }

    private async Task StartDashboardAsync()
    {
        var app = DashboardApp.Build([], Settings, _options.DashboardServices);
        _dashboard = app;
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var directory = app.Services.GetRequiredService<StaffStore>();
        foreach (var (username, role) in TestAccounts.All)
        {
            await directory.CreateAsync(username, $"Test {role}", role, TestAccounts.Password, $"{username}@library.example", CancellationToken.None);
        }
    }
}
