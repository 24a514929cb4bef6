using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Hangfire;
using Outreach.Worker.Jobs;

namespace Outreach.Dashboard.Tests.Hangfire;

/// <summary>A test-only job: its first attempt for a key fails, later ones succeed (so a requeue visibly works).</summary>
public sealed class FlakyJob
{
    public const string Name = "test-flaky";

    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    public static JobDefinition Definition { get; } = JobDefinition.For<FlakyJob>(Name, HubQueues.Default,
        "Fails on its first attempt (dashboard tests)", [new JobParameter("key", "Which attempt counter to use")],
        (args, ct) => job => job.RunAsync(args.Required("key"), ct));

    public static int AttemptsOf(string key) => Attempts.GetValueOrDefault(key);

    [DisplayName("Flaky test job {0}")]
    [AutomaticRetry(Attempts = 0)]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A job definition calls its job on an instance.")]
    public Task RunAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Attempts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
        {
            throw new InvalidOperationException("The first attempt fails on purpose.");
        }

        return Task.CompletedTask;
    }
}
