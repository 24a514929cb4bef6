using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Jobs;

/// <summary>Jobs that exist only in tests: one that records it ran, one that fails until told otherwise.</summary>
public sealed class ProbeJob(TimeProvider clock)
{
    public static readonly ConcurrentDictionary<string, DateTimeOffset> LastRun = new();

    public static readonly ConcurrentDictionary<string, int> Runs = new();
    public static readonly ConcurrentDictionary<string, bool> Failing = new();

    public Task RunAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
        LastRun[key] = clock.GetUtcNow();
        return Failing.TryGetValue(key, out var fail) && fail
            ? throw new InvalidOperationException($"Probe {key} was told to fail.")
            : Task.CompletedTask;
    }

    public static void Register(IServiceCollection services)
    {
        services.AddTransient<ProbeJob>();
        services.AddJob(JobDefinition.For<ProbeJob>("probe", HubQueues.Default, "Test probe",
            [new JobParameter("key", "Which probe")], (args, ct) => job => job.RunAsync(args.Required("key"), ct)));
    }
}
