using Hangfire;
using Microsoft.Extensions.Hosting;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;

namespace Outreach.Bench.Jobs;

/// <summary>
/// The child side of the jobs benchmark: <c>Outreach.Bench jobs-server plain|hub CONNECTION</c> runs one Hangfire server
/// until its standard input closes, and says "@ready" on standard output once it serves.
/// </summary>
public static class JobServerHost
{
    public const string Verb = "jobs-server";
    public const string ReadyMarker = "@ready";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [Verb, var kindName, var connectionString] || !Enum.TryParse<JobServerKind>(kindName, ignoreCase: true, out var kind))
        {
            await Console.Error.WriteLineAsync($"usage: Outreach.Bench {Verb} plain|hub CONNECTION-STRING");
            return 2;
        }

        if (kind == JobServerKind.Plain)
        {
            using var server = new BackgroundJobServer(JobsBenchSettings.PlainServer(), JobsBenchSettings.PlainStorage(connectionString));
            await ServeUntilStdinClosesAsync();
        }
        else
        {
            // The worker as it runs in production: the product's own host and registrations, plus the no-op job.
            using var hub = HubHost.Build(HostRole.Worker, JobsBenchSettings.Hub(connectionString), NoOpJob.Register);
            await hub.StartAsync();
            await ServeUntilStdinClosesAsync();
            await hub.StopAsync(TimeSpan.FromSeconds(30));
        }

        return 0;
    }

    private static async Task ServeUntilStdinClosesAsync()
    {
        await Console.Out.WriteLineAsync(ReadyMarker);
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    }
}
