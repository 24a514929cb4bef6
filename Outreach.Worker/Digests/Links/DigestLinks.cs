using Microsoft.Extensions.Options;
using Outreach.Integrations.Mail;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Digests.Links;

/// <summary>A reader's links in a digest: one-click unsubscribe (https and mailto) and the preferences page.</summary>
public sealed record ReaderLinks(string UnsubscribeUrl, string PreferencesUrl, string UnsubscribeMailto, string Token);

/// <summary>Builds the links residents follow from a digest, all under the dashboard's /unsubscribe path.</summary>
public sealed class DigestLinks(IOptions<DigestOptions> options, IOptions<MailOptions> mail, DigestTokens tokens)
{
    public const string UnsubscribePath = "/unsubscribe";
    public const string MailtoSubjectPrefix = "unsubscribe ";

    /// <summary>Under a reader's link: the page of their seat at an event (<c>/unsubscribe/{token}/seats/{eventId}</c>).</summary>
    public const string SeatsSegment = "/seats/";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) && UnsubscribeAddress is not null;

    /// <summary>Where mailto unsubscribe requests go (the bounces job reads them).</summary>
    public string? UnsubscribeAddress =>
        new[] { options.Value.UnsubscribeAddress, mail.Value.BounceAddress, mail.Value.From }.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));

    /// <summary>Fails the job with the key to set when links cannot be built.</summary>
    public void EnsureConfigured()
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
            throw new PermanentJobFailureException(StaffMessage.Of("Digest.NoPublicAddress",
                $"Digests need a public address for their unsubscribe links: set {"Outreach:Dashboard:PublicBaseUrl"} (or {(DigestOptions.Section + ":PublicBaseUrl")})."));
        if (UnsubscribeAddress is null)
            throw new PermanentJobFailureException(StaffMessage.Of("Digest.NoUnsubscribeMailbox",
                $"Digests need an unsubscribe mailbox: set {(DigestOptions.Section + ":UnsubscribeAddress")} or {(MailOptions.SectionPath + ":From")}."));
    }

    /// <summary>The reader's own page for their seat at an event: register, take an offered seat, cancel.</summary>
    public static string SeatUrl(ReaderLinks links, long eventId) =>
        links.UnsubscribeUrl + SeatsSegment + eventId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ReaderLinks For(long readerId)
    {
        var token = tokens.ForReader(readerId);
        var unsubscribe = $"{options.Value.PublicBaseUrl!.TrimEnd('/')}{UnsubscribePath}/{token}";
        return new ReaderLinks(unsubscribe, unsubscribe + "/preferences",
            $"mailto:{UnsubscribeAddress}?subject={Uri.EscapeDataString(MailtoSubjectPrefix + token)}", token);
    }
}
