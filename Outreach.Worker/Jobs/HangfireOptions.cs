using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Jobs;

/// <summary>Queues, worker counts and retry policy of the Hangfire servers.</summary>
public sealed class HangfireOptions : IValidatableObject
{
    public const string Section = "Outreach:Hangfire";

    /// <summary>Workers per queue on each worker process. A queue with 0 workers is not served by this process.</summary>
    public Dictionary<string, int> Queues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Automatic retries of a failed job before it lands in Failed for staff.</summary>
    [Range(0, 20, ErrorMessage = "Outreach:Hangfire:AutomaticRetries must be between 0 and 20.")]
    public int AutomaticRetries { get; set; } = 5;

    /// <summary>How often an idle worker looks for work: "Run now" on the dashboard starts within about this long.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wake idle workers on enqueue with LISTEN/NOTIFY instead of polling (Hangfire.PostgreSql's long polling). Off by
    /// default: the benchmark caught a worker hung for good inside its per-fetch LISTEN wait, holding a fetched job that
    /// then never started (hangfire-postgres/Hangfire.PostgreSql#410 is a relative), so the hub polls.
    /// </summary>
    public bool LongPolling { get; set; }

    /// <summary>How long a fetched job stays invisible to others; sliding, so long jobs keep it while they live.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run Hangfire servers in this process (the worker does, the dashboard does not).</summary>
    public bool RunServer { get; set; } = true;

    public static IReadOnlyDictionary<string, int> DefaultWorkers { get; } = new Dictionary<string, int>
    {
        [HubQueues.Sync] = 2,
        [HubQueues.Orders] = 2,
        [HubQueues.Mail] = 2,
        [HubQueues.Metrics] = 1,
        [HubQueues.Default] = 2,
    };

    /// <summary>Configured counts over the defaults.</summary>
    public IReadOnlyDictionary<string, int> EffectiveQueues()
    {
        var merged = new Dictionary<string, int>(DefaultWorkers, StringComparer.OrdinalIgnoreCase);
        foreach (var (queue, workers) in Queues)
        {
            merged[queue] = workers;
        }

        return merged;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (queue, workers) in Queues)
        {
            if (!HubQueues.All.Contains(queue, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"Outreach:Hangfire:Queues:{queue} is not a hub queue (known: {string.Join(", ", HubQueues.All)}).");
            }
            else if (workers is < 0 or > 64)
            {
                yield return new ValidationResult($"Outreach:Hangfire:Queues:{queue} must be between 0 and 64 workers, not {workers}.");
            }
        }

        if (QueuePollInterval < TimeSpan.FromMilliseconds(100) || QueuePollInterval > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Outreach:Hangfire:QueuePollInterval must be between 00:00:00.1 and 00:01:00.");
        }

        if (InvisibilityTimeout < TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Outreach:Hangfire:InvisibilityTimeout must be at least 00:01:00.");
        }
    }
}
