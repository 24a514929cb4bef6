using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Npgsql;
using Outreach.Demo.Communities;
using Outreach.Demo.Database;
using Outreach.Demo.Hosting;
using Outreach.Demo.Layout;
using Outreach.Demo.Processes;
using Outreach.Demo.Secrets;
using Outreach.LocalPostgres;

namespace Outreach.Demo;

/// <summary>
/// Runs the hub locally with demo data: a private PostgreSQL, the sandbox, the worker and the dashboard. On Ctrl+C or
/// SIGTERM it stops the hosts, then the database, and exits 0; when a host dies it shows why and exits 1.
/// </summary>
internal sealed class DemoLauncher(DemoPaths paths, TimeProvider clock)
{
    private const string PortVariable = "OUTREACH_DEMO_PORT";
    private const string StaffPasswordVariable = "OUTREACH_STAFF_PASSWORD";
    private const int DefaultPort = 5000;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // The csv communities' first syncs read a thousand rows each after the rest ones: minutes on a busy machine.
    private static readonly TimeSpan FirstSyncsTimeout = TimeSpan.FromMinutes(5);

    private readonly List<ChildProcess> _hosts = [];
    private PostgresCluster? _cluster;

    public static async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (!stop.IsCancellationRequested)
            {
                Console.Out.WriteLine("Stopping the demo ...");
                stop.Cancel();
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        DemoLauncher? launcher = null;
        try
        {
            launcher = new DemoLauncher(DemoPaths.Locate(), TimeProvider.System);
            return await launcher.RunUntilStoppedAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (DemoException e)
        {
            Console.Error.WriteLine($"demo: {e.Message}");
            return 1;
        }
        finally
        {
            if (launcher is not null)
            {
                await launcher.StopAsync();
            }
        }
    }

    private async Task<int> RunUntilStoppedAsync(CancellationToken stop)
    {
        var dashboardPort = Ports.FromEnvironment(PortVariable, DefaultPort);
        Ports.EnsureFree(dashboardPort, PortVariable);
        foreach (var dll in new[] { paths.WorkerDll, paths.DashboardDll, paths.SandboxDll })
        {
            if (!File.Exists(dll))
            {
                throw new DemoException($"{dll} is missing: build first (./outreach demo builds the solution in Release).");
            }
        }

        Console.Out.WriteLine($"Starting the Outreach demo from {paths.RepositoryRoot} (state in {paths.DemoRoot}) ...");
        var secrets = DemoSecrets.Load(paths);
        var staff = StaffCredentials.Load(paths);
        var communities = new DemoCommunities(paths, secrets, clock);
        communities.PrepareFiles();

        _cluster = await DemoDatabase.StartAsync(paths, stop);
        var connectionString = _cluster.ConnectionStringFor(DemoDatabase.Name);
        Console.Out.WriteLine($"PostgreSQL is up on 127.0.0.1:{_cluster.Port} (data in {_cluster.DataDirectory}).");

        var sandbox = new Uri($"http://127.0.0.1:{Ports.Free().ToString(CultureInfo.InvariantCulture)}/");
        var smtpPort = Ports.Free();
        var imapPort = Ports.Free();
        var dashboard = new Uri($"http://127.0.0.1:{dashboardPort.ToString(CultureInfo.InvariantCulture)}/");
        List<KeyValuePair<string, string>> hub =
        [
            new("ConnectionStrings:Outreach", connectionString),
            .. communities.HubSettings(sandbox),
            .. DemoFeatures.HubSettings(sandbox, smtpPort, imapPort, dashboard, secrets),
            .. DemoSchedules.Settings(),
            .. ChildLogging.Settings(),
        ];

        await ChildProcess.RunAsync("migrate", paths.WorkerDll, ["migrate"], hub, stop);
        var freshDatabase = await SeedHistoryAsync(connectionString, communities, stop);
        await SeedUpcomingEventsAsync(connectionString, communities, stop);
        foreach (var account in staff)
        {
            await ChildProcess.RunAsync("add-staff", paths.WorkerDll, ["add-staff", "--username", account.Username, "--role", account.Role],
                [.. hub, new(StaffPasswordVariable, account.Password)], stop);
        }

        if (freshDatabase)
        {
            // The nightly syncs are hours away: a first sync of each community fills the readers and runs pages now.
            foreach (var community in communities.All)
            {
                await ChildProcess.RunAsync("enqueue", paths.WorkerDll, ["enqueue", DemoHistory.RosterSyncJob, "--community", community.Code], hub, stop);
            }

            Console.Out.WriteLine($"Queued a first roster sync of {string.Join(", ", communities.All.Select(c => c.Code))}; the worker runs them as it starts.");
        }

        var sandboxHost = Start("sandbox", paths.SandboxDll, [], ChildLogging.ShowSandboxLine,
        [
            new("Sandbox:HttpPort", sandbox.Port.ToString(CultureInfo.InvariantCulture)),
            new("Sandbox:SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture)),
            new("Sandbox:ImapPort", imapPort.ToString(CultureInfo.InvariantCulture)),
            .. communities.SandboxSettings(),
        ]);
        await Readiness.WaitForOkAsync(sandboxHost, sandbox, StartTimeout, stop);

        Start("worker", paths.WorkerDll, ["serve"], ChildLogging.ShowAll, hub);
        var dashboardHost = Start("dashboard", paths.DashboardDll, ["--urls", dashboard.ToString().TrimEnd('/')], ChildLogging.ShowAll, hub);
        var health = await Readiness.WaitForOkAsync(dashboardHost, new Uri(dashboard, "healthz"), StartTimeout, stop);
        await DemoFeatures.ConnectBookstoreWebhookAsync(sandbox, dashboard, secrets, stop);
        if (freshDatabase)
        {
            await SeedMetricsAsync(connectionString, communities, hub, stop);
        }

        Console.Out.WriteLine(DemoBanner.Render(dashboard, sandbox, smtpPort, staff, Path.GetRelativePath(paths.RepositoryRoot, paths.CredentialsFile)));
        if (health != HttpStatusCode.OK)
        {
            Console.Out.WriteLine($"Note: {new Uri(dashboard, "healthz")} answers {(int)health} {health}; see the [worker] and [dashboard] lines above.");
        }

        return await WatchAsync(stop);
    }

    /// <returns>True when the database had no runs yet (a first start).</returns>
    private async Task<bool> SeedHistoryAsync(string connectionString, DemoCommunities communities, CancellationToken stop)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var written = await new DemoHistory(dataSource, clock).SeedAsync(communities.All, stop);
        if (written > 0)
        {
            Console.Out.WriteLine($"Wrote {written} past job runs as demo history (their messages start with {DemoHistory.Marker}).");
        }

        return written > 0;
    }

    /// <summary>Every start: the weeks ahead have a programme, so the digest preview and the next digest have events.</summary>
    private async Task SeedUpcomingEventsAsync(string connectionString, DemoCommunities communities, CancellationToken stop)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var added = await UpcomingEvents.SeedAsync(dataSource, DemoMetrics.LibraryTime, clock.GetUtcNow(), [.. communities.All.Select(c => c.Code)],
            cancellationToken: stop);
        if (added > 0)
        {
            Console.Out.WriteLine($"Planned {added} events for the weeks ahead (the digest preview shows them).");
        }
    }

    /// <summary>After every community's first roster sync: a year of metrics history, computed month by month, for the charts.</summary>
    private async Task SeedMetricsAsync(string connectionString, DemoCommunities communities, List<KeyValuePair<string, string>> hub,
        CancellationToken stop)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var compute = await new DemoMetrics(dataSource, clock).SeedAsync([.. communities.All.Select(c => c.Code)], FirstSyncsTimeout, stop);
        if (compute is null)
        {
            Console.Out.WriteLine("No cards yet after the first syncs: metrics history not seeded (see the [worker] lines).");
            return;
        }

        await ChildProcess.RunAsync("metrics", paths.WorkerDll, compute.Split(' '), hub, stop);
    }

    private ChildProcess Start(string name, string dll, IEnumerable<string> arguments, Func<string, bool> show,
        IEnumerable<KeyValuePair<string, string>> settings)
    {
        var host = ChildProcess.Start(name, dll, arguments, settings, show);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Waits for Ctrl+C (exit 0) or for a host to die (exit 1, with its last lines).</summary>
    private async Task<int> WatchAsync(CancellationToken stop)
    {
        var exits = _hosts.ToDictionary(h => h.WaitForExitAsync(CancellationToken.None));
        var stopped = Task.Delay(Timeout.Infinite, stop);
        var first = await Task.WhenAny([.. exits.Keys, stopped]);
        if (first == stopped || stop.IsCancellationRequested)
        {
            return 0;
        }

        var host = exits[first];
        Console.Error.WriteLine($"demo: {host.Name} exited unexpectedly with code {host.ExitCode}. Its last lines:");
        host.WriteLastLines(Console.Error);
        Console.Error.WriteLine("demo: stopping everything.");
        return 1;
    }

    /// <summary>Hosts first (newest first, each given time to shut down cleanly), then the database.</summary>
    private async Task StopAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync(StopGrace);
            _hosts[i].Dispose();
        }

        _hosts.Clear();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            _cluster = null;
            Console.Out.WriteLine("Demo stopped; its data stays in .local/demo for the next run.");
        }
    }
}
