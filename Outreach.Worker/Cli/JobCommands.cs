using System.CommandLine;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Cli;

/// <summary><c>run &lt;job&gt;</c> (in this process, now) and <c>enqueue &lt;job&gt;</c> (on its Hangfire queue), one sub-command per job.</summary>
internal static class JobCommands
{
    public static Command Run(JobCatalog catalog) => Build(catalog, "run",
        "Run one job now, in this process; exit non-zero with the reason when it fails.",
        async (host, job, arguments, ct) =>
        {
            await host.StartAsync(ct);
            try
            {
                await job.RunAsync(host.Services, arguments, ct);
                Console.WriteLine($"{job.Name} {arguments} completed.");
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });

    public static Command Enqueue(JobCatalog catalog) => Build(catalog, "enqueue",
        "Put one job on its Hangfire queue for the workers; prints the Hangfire job id.",
        async (host, job, arguments, ct) =>
        {
            await host.StartAsync(ct);
            var id = job.Enqueue(host.Services.GetRequiredService<IBackgroundJobClient>(), arguments);
            Console.WriteLine($"Enqueued {job.Name} {arguments} on queue '{job.Queue}' as Hangfire job {id}.");
            await host.StopAsync(CancellationToken.None);
        });

    private static Command Build(JobCatalog catalog, string verb, string description,
        Func<IHost, JobDefinition, JobArguments, CancellationToken, Task> action)
    {
        var command = new Command(verb, description);
        foreach (var job in catalog.All.OrderBy(j => j.Name))
        {
            var sub = new Command(job.Name, $"{job.Description} (queue '{job.Queue}').");
            var options = job.Parameters.Select(p => (p, Option: p.IsFlag
                ? (Option)new Option<bool>("--" + p.Name) { Description = p.Description }
                : new Option<string>("--" + p.Name) { Description = p.Description })).ToList();
            foreach (var (_, option) in options)
            {
                sub.Options.Add(option);
            }

            sub.SetAction((parse, ct) => CommandFailure.GuardAsync(async () =>
            {
                var values = new Dictionary<string, string>();
                foreach (var (parameter, option) in options)
                {
                    switch (option)
                    {
                        case Option<bool> flag when parse.GetValue(flag):
                            values[parameter.Name] = "";
                            break;
                        case Option<string> text when parse.GetValue(text) is { Length: > 0 } value:
                            values[parameter.Name] = value;
                            break;
                    }
                }

                using var host = HubHost.Build(HostRole.Client);
                await action(host, job, new JobArguments(values), ct);
                return 0;
            }));
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
