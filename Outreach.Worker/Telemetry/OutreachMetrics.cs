using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outreach.Worker.Telemetry;

/// <summary>
/// The hub's own instruments on the meter "Outreach": job executions and their durations per queue, jobs that end
/// succeeded or failed, and the counts each run row records (rows read, applied and quarantined by a roster sync...).
/// Tags carry queue, job and community codes only, never personal data.
/// </summary>
public sealed class OutreachMetrics
{
    public const string MeterName = "Outreach";

    private readonly Counter<long> _performed;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _runCounts;

    public OutreachMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _performed = meter.CreateCounter<long>("outreach.jobs.performed", "{execution}",
            "Job executions (each attempt), by queue, job and outcome (succeeded, failed, cancelled)");
        _duration = meter.CreateHistogram<double>("outreach.jobs.duration", "s",
            "How long job executions took, by queue, job and outcome");
        _succeeded = meter.CreateCounter<long>("outreach.jobs.succeeded", "{job}",
            "Jobs that reached Succeeded, by queue and job");
        _failed = meter.CreateCounter<long>("outreach.jobs.failed", "{job}",
            "Jobs that reached Failed (retries used up or a failure retrying cannot fix), by queue and job");
        _runCounts = meter.CreateCounter<long>("outreach.runs.items", "{item}",
            "What finished runs counted, by job, scope (community) and count: a roster sync's read, applied, quarantined...");
    }

    public void JobPerformed(JobLabels job, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "queue", job.Queue }, { "job", job.Name }, { "outcome", outcome } };
        _performed.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void JobSucceeded(JobLabels job) => _succeeded.Add(1, new TagList { { "queue", job.Queue }, { "job", job.Name } });

    public void JobFailed(JobLabels job) => _failed.Add(1, new TagList { { "queue", job.Queue }, { "job", job.Name } });

    public void RunCounted(string job, string scope, string count, long value) =>
        _runCounts.Add(value, new TagList { { "job", job }, { "scope", scope }, { "count", count } });
}
