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

/// <summary>A job that writes its run row and keeps it running until the test releases it: a long, live run.</summary>
public sealed class LongRunJob(JobRunLog runs)
{
    public const string Name = "long-run";

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Releases = new();

    public async Task RunAsync(string key, CancellationToken cancellationToken)
    {
        var runId = await runs.StartAsync(Name, key, cancellationToken);
        await Gate(key).Task.WaitAsync(cancellationToken);
        await runs.FinishAsync(runId, RunStatus.Succeeded, new Dictionary<string, long>(), null, cancellationToken);
    }

    public static void Release(string key) => Gate(key).TrySetResult();

    public static void Register(IServiceCollection services)
    {
        services.AddTransient<LongRunJob>();
        services.AddJob(JobDefinition.For<LongRunJob>(Name, HubQueues.Default, "Test run that lasts until released",
            [new JobParameter("key", "Which run")], (args, ct) => job => job.RunAsync(args.Required("key"), ct)));
    }

    private static TaskCompletionSource Gate(string key) =>
        Releases.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
