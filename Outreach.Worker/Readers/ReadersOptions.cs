using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Readers;

/// <summary>The Outreach:Readers section: how the nightly roster sync and the card push-back run.</summary>
public sealed class ReadersOptions
{
    public const string Section = "Outreach:Readers";

    /// <summary>Calendar (under Outreach:Calendars) applied to every community's sync schedule; empty for none.</summary>
    public string? SyncCalendar { get; set; }

    /// <summary>Card statuses sent to a community per batch.</summary>
    [Range(1, 100_000, ErrorMessage = "Outreach:Readers:CardPushBatchSize must be between 1 and 100000.")]
    public int CardPushBatchSize { get; set; } = 2_000;
}
