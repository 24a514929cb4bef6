namespace Outreach.Worker.Activity;

/// <summary>
/// One activity record as a system sent it, before any check: its own id (what makes a resent batch count once), the
/// reader's card number, the kind, when it happened (ISO 8601; without an offset it is library time), and for
/// attendance the hub's event id when the sender knows it.
/// </summary>
public sealed record ActivityRecord(string? Id, string? Card, string? Kind, string? At, long? Event = null);
