namespace Outreach.Integrations.Communities;

/// <summary>The port that tells communities which of their residents hold a library card.</summary>
public interface ICardStatusPublisher
{
    /// <summary>Sends the updates; one outcome per update, in the same order. Safe to repeat.</summary>
    /// <exception cref="CommunitySystemException">The community refused the hub altogether (e.g. its token).</exception>
    Task<IReadOnlyList<CardPublishOutcome>> PublishAsync(string communityCode, IReadOnlyList<CardStatusUpdate> updates, CancellationToken cancellationToken);
}
