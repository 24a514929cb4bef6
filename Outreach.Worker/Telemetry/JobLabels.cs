using Hangfire.Common;

namespace Outreach.Worker.Telemetry;

/// <summary>How a Hangfire job is named in metrics: its queue and Type.Method (e.g. RosterSyncJob.RunAsync), no arguments.</summary>
public readonly record struct JobLabels(string Queue, string Name)
{
    private const string DefaultQueue = "default";

    public static JobLabels Of(Job? job) =>
        job is null ? new JobLabels(DefaultQueue, "unknown") : new JobLabels(job.Queue ?? DefaultQueue, $"{job.Type.Name}.{job.Method.Name}");
}
