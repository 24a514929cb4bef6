using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Activity;

/// <summary>The Outreach:Activity section: who may send activity (API keys), where CSV files are dropped, intake limits.</summary>
public sealed class ActivityOptions
{
    public const string Section = "Outreach:Activity";

    /// <summary>
    /// Keys of the activity intake API (header X-Api-Key), by the name of the sending system (e.g. gate, ils, eresources).
    /// The name is the records' source: its ids must be unique within it. Secrets.
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A folder the systems drop CSV files into, named SOURCE_anything.csv (e.g. gate_20261031.csv); processed files move
    /// to processed/, unreadable ones to rejected/. Empty: no CSV intake.
    /// </summary>
    public string? DropFolder { get; set; }

    /// <summary>When the drop folder is read: a Quartz cron expression, in library time.</summary>
    public string DropSchedule { get; set; } = "0 */15 * * * ?";

    /// <summary>Records one API batch may carry; a bigger batch is refused whole (413) for the sender to split.</summary>
    [Range(1, 100_000, ErrorMessage = "Outreach:Activity:MaxBatchRecords must be between 1 and 100000.")]
    public int MaxBatchRecords { get; set; } = 5_000;

    /// <summary>How far ahead of the hub's clock a record's time may be (a sender's clock running fast) before it is refused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Outreach:Activity:FutureTolerance must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(10);

    public bool HasDropFolder => !string.IsNullOrWhiteSpace(DropFolder);

    public override string ToString() => nameof(ActivityOptions);
}
