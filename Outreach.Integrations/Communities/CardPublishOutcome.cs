namespace Outreach.Integrations.Communities;

public enum CardPublishResult
{
    Succeeded,

    /// <summary>The community does not know the resident (404).</summary>
    NotFound,

    Failed,
}

/// <summary>What became of one card status update.</summary>
public sealed record CardPublishOutcome(string ResidentId, CardPublishResult Result, string? FailureReason = null)
{
    public static CardPublishOutcome Succeeded(string residentId) => new(residentId, CardPublishResult.Succeeded);

    public static CardPublishOutcome NotFound(string residentId) => new(residentId, CardPublishResult.NotFound);

    public static CardPublishOutcome Failed(string residentId, string reason) => new(residentId, CardPublishResult.Failed, reason);
}
