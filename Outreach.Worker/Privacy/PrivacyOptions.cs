using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Privacy;

/// <summary>The Outreach:Privacy section: how long personal data is kept once a reader's card is withdrawn.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Outreach:Privacy";

    /// <summary>
    /// A reader no longer on a roster whose card was withdrawn more than this many days ago (or who never had one and
    /// has not changed for as long) has their personal fields erased by the retention job.
    /// </summary>
    [Range(30, 3650, ErrorMessage = "Outreach:Privacy:RetentionDays must be between 30 and 3650.")]
    public int RetentionDays { get; set; } = 730;

    /// <summary>Readers erased per transaction by the retention job.</summary>
    [Range(1, 100_000, ErrorMessage = "Outreach:Privacy:RetentionBatchSize must be between 1 and 100000.")]
    public int RetentionBatchSize { get; set; } = 1_000;
}
