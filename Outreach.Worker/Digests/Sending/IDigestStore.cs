using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Content;

namespace Outreach.Worker.Digests.Sending;

/// <summary>The stored digests (outreach.digests): what each community's week says once it had events.</summary>
public interface IDigestStore
{
    Task<DigestContent?> LoadAsync(string community, IsoWeek week, CancellationToken cancellationToken);

    Task<DigestContent?> LoadAsync(long digestId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> as the week's digest unless the week already has one with events: its id, or
    /// null when another run froze events first (its content wins).
    /// </summary>
    Task<long?> FreezeAsync(DigestContent content, long runId, CancellationToken cancellationToken);

    /// <summary>Notes which run last worked on the digest.</summary>
    Task TouchAsync(long digestId, long runId, CancellationToken cancellationToken);
}
