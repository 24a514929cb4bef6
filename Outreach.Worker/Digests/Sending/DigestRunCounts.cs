namespace Outreach.Worker.Digests.Sending;

/// <summary>What one run of a digest did, counted from its parallel lanes.</summary>
public sealed class DigestRunCounts
{
    private long _sent;
    private long _failed;
    private long _skipped;
    private long _deferred;
    private long _uncertain;
    private long _consecutiveDeferrals;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Deferred => Interlocked.Read(ref _deferred);

    public long Uncertain => Interlocked.Read(ref _uncertain);

    public long Done => Sent + Failed + Skipped + Deferred + Uncertain;

    public long ConsecutiveDeferrals => Interlocked.Read(ref _consecutiveDeferrals);

    public void AddSent()
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Exchange(ref _consecutiveDeferrals, 0);
    }

    public void AddFailed() => Interlocked.Increment(ref _failed);

    public void AddSkipped() => Interlocked.Increment(ref _skipped);

    public void AddDeferred()
    {
        Interlocked.Increment(ref _deferred);
        Interlocked.Increment(ref _consecutiveDeferrals);
    }

    public void AddUncertain() => Interlocked.Increment(ref _uncertain);

    public Dictionary<string, long> ToDictionary(long recipients, long stuckBefore) => new()
    {
        ["recipients"] = recipients,
        ["sent"] = Sent,
        ["failed"] = Failed,
        ["skipped"] = Skipped,
        ["deferred"] = Deferred,
        ["uncertain"] = Uncertain,
        ["stuck_before"] = stuckBefore,
    };
}
