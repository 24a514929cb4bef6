namespace Outreach.Worker.Digests;

/// <summary>The Outreach:Digests section: links in the mail, the library's name, events sources and their API keys.</summary>
public sealed class DigestOptions
{
    public const string Section = "Outreach:Digests";

    /// <summary>
    /// Where residents reach the dashboard's unsubscribe pages, e.g. https://outreach.example.org. Defaults to
    /// Outreach:Dashboard:PublicBaseUrl. Must be https, except on loopback (local runs and tests).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>True when <see cref="PublicBaseUrl"/> came from Outreach:Dashboard:PublicBaseUrl, which the dashboard validates.</summary>
    internal bool PublicBaseUrlFromDashboard { get; set; }

    /// <summary>Secret for the unsubscribe and delivery tokens (32+ characters); derived from Outreach:PersonalData:HashKey when unset.</summary>
    public string? TokenKey { get; set; }

    /// <summary>The mailto: of List-Unsubscribe; defaults to Outreach:Mail:BounceAddress, then Outreach:Mail:From. The bounces job reads it.</summary>
    public string? UnsubscribeAddress { get; set; }

    /// <summary>Days of events a digest shows, from its start.</summary>
    public int HorizonDays { get; set; } = 14;

    /// <summary>Shown in the subject line and the mail's heading.</summary>
    public string LibraryName { get; set; } = "浙江工商职业技术学院图书馆";

    /// <summary>Optional folder with digest.html, digest.txt, event.html and event.txt replacing the built-in templates.</summary>
    public string? TemplateFolder { get; set; }

    /// <summary>How often a running digest writes its progress to the run row.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A run stops after this many messages in a row were deferred (the relay is down); the retry continues.</summary>
    public int MaxConsecutiveDeferrals { get; set; } = 20;

    /// <summary>iCalendar feeds imported by the events-import job, by name.</summary>
    public Dictionary<string, CalendarFeedOptions> Feeds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys of the events JSON API (header X-Api-Key), by the name of the system that holds them. Secrets.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public override string ToString() => nameof(DigestOptions);
}

/// <summary>One iCalendar (RFC 5545) feed of events, e.g. the library's public calendar.</summary>
public sealed class CalendarFeedOptions
{
    public string? Url { get; set; }

    /// <summary>The kind of event when an entry's CATEGORIES name none of the known kinds.</summary>
    public string Kind { get; set; } = "other";

    /// <summary>Communities the feed's events are for; empty for every community.</summary>
    public List<string> Communities { get; set; } = [];

    /// <summary>How far ahead recurring entries are expanded.</summary>
    public int ExpandDays { get; set; } = 90;
}
