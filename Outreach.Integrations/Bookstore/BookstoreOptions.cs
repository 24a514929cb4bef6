namespace Outreach.Integrations.Bookstore;

/// <summary>How the hub reaches the bookstore branch, bound from <c>Outreach:Bookstore</c>.</summary>
public sealed class BookstoreOptions
{
    public const string SectionPath = "Outreach:Bookstore";
    public const int MaxChangesPageSize = 1000;

    /// <summary>The absolute http(s) address the API paths (api/v1/...) are appended to. Unset: orders are not pushed.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The bearer token. A secret: never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The shared secret the bookstore signs its webhook calls with (HMAC-SHA256). Unset: webhooks are refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Changes asked for per page of the feed (the spec's limit).</summary>
    public int ChangesPageSize { get; set; } = 200;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(Token);

    public static string KeyOf(string setting) => $"{SectionPath}:{setting}";
}
