using Outreach.Integrations.Communities;

namespace Outreach.Worker.Readers.Cards;

/// <summary>A card status owed to a community (a row of outreach.card_status_outbox).</summary>
public sealed record PendingCard(long Id, string ResidentId, string CardNumber, string Status, DateOnly IssuedOn)
{
    public CardStatusUpdate ToUpdate() => new(ResidentId, CardNumber, Status, IssuedOn);
}

/// <summary>The card statuses owed to the communities, as <see cref="CardStatusPush"/> reads and marks them.</summary>
public interface ICardStatusOutbox
{
    /// <summary>Holds the community's push for the caller until disposed; null when another worker is pushing it.</summary>
    Task<IAsyncDisposable?> TryLockAsync(string community, CancellationToken cancellationToken);

    /// <summary>
    /// The next unsent entries of the community after resident <paramref name="afterResident"/> ("" for the first page), in
    /// resident order: keyset pages along the index of pending statuses (one per resident), so each batch is a range read of
    /// that index however many are owed (a community's first load owes it one status per card).
    /// </summary>
    Task<IReadOnlyList<PendingCard>> PendingAsync(string community, string afterResident, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks what the community answered, one outcome per entry: sent, closed for a resident the community does not know
    /// (with the reason), or left unsent with its error and one more attempt for the staff page.
    /// </summary>
    Task RecordAsync(IReadOnlyList<PendingCard> batch, IReadOnlyList<CardPublishOutcome> outcomes, CancellationToken cancellationToken);
}
