using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Jobs;

namespace Outreach.EndToEnd.Tests.Hosting;

/// <summary>A test-only job on the default queue: it succeeds, unless its key was told to fail.</summary>
public sealed class ProbeJob
{
    public const string Name = "test-probe";

    private static readonly ConcurrentDictionary<string, bool> Failing = new();

    public static JobDefinition Definition { get; } = JobDefinition.For<ProbeJob>(Name, HubQueues.Default, "Test probe (end-to-end tests)",
        [new JobParameter("key", "Which probe")], (args, ct) => job => job.RunAsync(args.Required("key"), ct));

    /// <summary>Makes the job known to a host (worker and dashboard alike).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddTransient<ProbeJob>();
        services.AddJob(Definition);
    }

    public static void FailFor(string key) => Failing[key] = true;

    [DisplayName("Probe {0}")]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A job definition calls its job on an instance.")]
    public Task RunAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Failing.ContainsKey(key)
            ? throw new InvalidOperationException($"Probe {key} was told to fail.")
            : Task.CompletedTask;
    }
}
