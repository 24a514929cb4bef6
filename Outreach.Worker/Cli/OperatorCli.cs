using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Cli;

/// <summary>
/// The operator's command line: <c>serve</c> (the default) runs the worker; the other verbs do one thing and exit
/// non-zero with the reason when it fails.
/// </summary>
public static class OperatorCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The job catalog decides which run/enqueue sub-commands exist, so it is read from a host built (not started) first.
        using var catalogHost = HubHost.Build(HostRole.Client);
        var catalog = catalogHost.Services.GetRequiredService<JobCatalog>();

        var root = new RootCommand("Outreach worker: runs the hub's scheduled jobs (Hangfire + Quartz on PostgreSQL), and operator commands.");
        var serve = new Command("serve", "Run the worker: Hangfire servers on every configured queue and the clustered Quartz scheduler (default).");
        serve.SetAction((_, ct) => ServeAsync(ct));
        root.Subcommands.Add(serve);
        root.SetAction((_, ct) => ServeAsync(ct));

        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(JobCommands.Run(catalog));
        root.Subcommands.Add(JobCommands.Enqueue(catalog));
        root.Subcommands.Add(SchedulesCommand.Create());
        root.Subcommands.Add(StaffCommand.Create());
        root.Subcommands.Add(HashKeyCommand.Create());

        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> ServeAsync(CancellationToken cancellationToken)
    {
        using var host = HubHost.Build(HostRole.Worker);
        await host.RunAsync(cancellationToken);
        return 0;
    }
}
