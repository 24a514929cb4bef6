using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Notices;

/// <summary>
/// A due notice held for the run that claimed it (no other worker can take it) until its attempt is recorded; disposing
/// without recording lets it go for a later run.
/// </summary>
public interface IClaimedNotice : IAsyncDisposable
{
    NoticeSubject Notice { get; }

    /// <summary>Attempts before this one.</summary>
    int Attempts { get; }

    /// <summary>Records this attempt ("sent", "given_up" or "failed", with why) and lets the notice go, even while the job is cancelled.</summary>
    Task RecordAsync(string outcome, StaffMessage? reason);
}

/// <summary>The notices the ledger owes readers, as <see cref="ReaderNotices"/> sends them.</summary>
public interface IDueNotices
{
    /// <summary>Notices neither sent nor given up.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>The oldest due notice not tried since <paramref name="runStarted"/> that no one else holds; null when none is left.</summary>
    Task<IClaimedNotice?> ClaimNextAsync(DateTimeOffset runStarted, CancellationToken cancellationToken);
}
