namespace Outreach.Integrations.Communities;

/// <summary>
/// A community's system could not be used: refused, failing, unreachable or unreadable.
/// The message is written for a librarian and never carries secrets or personal data.
/// </summary>
public class CommunitySystemException : Exception
{
    public CommunitySystemException()
    {
    }

    public CommunitySystemException(string message)
        : base(message)
    {
    }

    public CommunitySystemException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CommunitySystemException(string communityCode, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        CommunityCode = communityCode;
        StatusCode = statusCode;
    }

    public string? CommunityCode { get; }

    /// <summary>The HTTP status the community's system answered with, when it answered.</summary>
    public int? StatusCode { get; }
}
