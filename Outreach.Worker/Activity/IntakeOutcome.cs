namespace Outreach.Worker.Activity;

/// <summary>Where a batch of records came from: the sending system (the records' source), the channel, and the batch's name.</summary>
public sealed record ActivityBatch(string Source, string Channel, string Name)
{
    public const string ApiChannel = "api";
    public const string CsvChannel = "csv";
}

/// <summary>A record the intake refused: its position in the batch, its id, why.</summary>
public sealed record ActivityReject(long Row, string? Id, string Reason, string Message);

/// <summary>
/// What the intake made of a batch: records received, accepted (new to the ledger), duplicates (already in it, e.g. a
/// resent batch), quarantined (refused now) and already quarantined (refused before and sent again).
/// </summary>
public sealed record IntakeOutcome(long RunId, long Received, long Accepted, long Duplicates, long Quarantined, long AlreadyQuarantined,
    IReadOnlyList<ActivityReject> Rejects)
{
    /// <summary>The first refused records, for the sender's answer; all of them are on the quarantine page.</summary>
    public const int RejectsShown = 100;

    public IReadOnlyDictionary<string, long> Counts => new Dictionary<string, long>
    {
        ["received"] = Received,
        ["accepted"] = Accepted,
        ["duplicates"] = Duplicates,
        ["quarantined"] = Quarantined,
        ["already_quarantined"] = AlreadyQuarantined,
    };
}
