using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Integrations.Time;
using Outreach.Worker.Cli;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Hosting;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// Sends a community's digest of this week as the digest job does, into the sandbox's SMTP catcher, with links to the
/// world's dashboard. The world's hosts have no mail relay and do not know the dashboard's port before it starts, so a
/// client host (no Hangfire server) with the world's settings plus those two runs the product's <see cref="DigestRun"/>.
/// </summary>
public static partial class DigestMailing
{
    public const string From = "library@lib.example.cn";

    /// <summary>An event of tomorrow for <paramref name="community"/>, so that its digest has something to say.</summary>
    public static Task<LibraryEvent> AddEventAsync(HubWorld world, string community, string title)
    {
        var calendar = world.Dashboard.Services.GetRequiredService<LibraryCalendar>();
        var start = calendar.StartOf(calendar.Today.AddDays(1)).AddHours(14);
        return world.Dashboard.Services.GetRequiredService<EventStore>().CreateAsync(
            new EventDraft("lecture", title, "讲座简介：" + title, "图书馆报告厅", start, start.AddHours(2), [community], 50, null),
            EventStore.StaffSource, CancellationToken.None);
    }

    /// <summary>Sends the digest and returns the run's counts (sent, skipped...).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> SendAsync(HubWorld world, string community)
    {
        var settings = new Dictionary<string, string?>(world.Settings)
        {
            ["Outreach:Mail:Host"] = "127.0.0.1",
            ["Outreach:Mail:Port"] = world.Sandbox.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Outreach:Mail:Security"] = "None",
            ["Outreach:Mail:From"] = From,
            ["Outreach:Mail:FromName"] = "古林镇图书馆",
            ["Outreach:Mail:BounceAddress"] = "bounces@lib.example.cn",
            ["Outreach:Mail:MessagesPerSecond"] = "0",
            ["Outreach:Digests:PublicBaseUrl"] = world.Address.ToString(),
        };
        var host = HubHost.Build(HostRole.Client, settings);
        try
        {
            await host.StartAsync();
            var week = host.Services.GetRequiredService<LibraryCalendar>().ThisWeek;
            return await host.Services.GetRequiredService<DigestRun>().RunAsync(community, week, CancellationToken.None);
        }
        finally
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }
    }

    /// <summary>The one digest the catcher holds for <paramref name="address"/>.</summary>
    public static MimeMessage ReceivedBy(HubWorld world, string address) =>
        Assert.Single(world.Sandbox.Mail.Messages, m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).Parse();

    /// <summary>
    /// The link a resident clicks in the digest's HTML body ("退订活动周报", unsubscribe from the digest); it must also be
    /// the web link of the message's List-Unsubscribe header (the one mail clients offer).
    /// </summary>
    public static Uri UnsubscribeLink(MimeMessage digest)
    {
        var inBody = UnsubscribeHref().Matches(digest.HtmlBody ?? "").Select(m => m.Groups["url"].Value).Distinct(StringComparer.Ordinal).ToList();
        var link = Assert.Single(inBody);
        var header = digest.Headers[HeaderId.ListUnsubscribe] ?? "";
        Assert.Contains($"<{link}>", header, StringComparison.Ordinal);
        return new Uri(link);
    }

    /// <summary>The digest's "报名" (register) link of an event with seats: the reader's own, signed like the unsubscribe link.</summary>
    public static Uri SeatLink(MimeMessage digest, long eventId)
    {
        var suffix = DigestLinks.SeatsSegment + eventId.ToString(CultureInfo.InvariantCulture);
        var links = RegisterHref().Matches(digest.HtmlBody ?? "").Select(m => m.Groups["url"].Value)
            .Where(url => url.EndsWith(suffix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return new Uri(Assert.Single(links));
    }

    [GeneratedRegex("""<a href="(?<url>[^"]+)"[^>]*>报名</a>""")]
    private static partial Regex RegisterHref();

    [GeneratedRegex("""<a href="(?<url>[^"]+)"[^>]*>退订活动周报</a>""")]
    private static partial Regex UnsubscribeHref();
}
