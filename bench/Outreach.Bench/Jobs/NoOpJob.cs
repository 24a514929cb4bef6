using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Jobs;

namespace Outreach.Bench.Jobs;

/// <summary>
/// The job the jobs benchmark runs: it does nothing but say, on the server process's standard output, when it started.
/// The timestamp is <see cref="Stopwatch.GetTimestamp"/>, a monotonic clock shared by every process of the machine.
/// </summary>
public sealed class NoOpJob
{
    public const string Name = "bench-noop";

    /// <summary>The line a started job writes: the marker, its token and the timestamp.</summary>
    public const string StartedMarker = "@started";

    public static JobDefinition Definition { get; } = JobDefinition.For<NoOpJob>(Name, HubQueues.Default, "No-op job (jobs benchmark)",
        [new JobParameter("token", "Which job")], (args, ct) => job => job.RunAsync(args.Required("token"), ct));

    /// <summary>Makes the job known to a hub host, worker and client alike.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddTransient<NoOpJob>();
        services.AddJob(Definition);
    }

    [DisplayName("No-op {0}")]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Hangfire calls a job on an instance.")]
    public Task RunAsync(string token, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        cancellationToken.ThrowIfCancellationRequested();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StartedMarker} {token} {now}"));
        return Task.CompletedTask;
    }
}
