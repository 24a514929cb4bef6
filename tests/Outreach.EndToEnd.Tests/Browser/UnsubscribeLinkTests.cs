using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Communities;
using Outreach.Worker.Digests.Links;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>A resident follows the unsubscribe link of a weekly digest in a browser, never logged in to anything.</summary>
[Collection(BrowserGroup.Name)]
public sealed class UnsubscribeLinkTests(BrowserWorld browser)
{
    // GL04 is no other browser test's community, and these residents' ID numbers are no other test's: the registry
    // would take the same person synced in another community as a reader who moved.
    private const string Community = "GL04";

    private static readonly List<SimResident> Roster = Residents.Range(Community, 900, 4);

    // Two of the four opted in to the digest; one of them leaves it.
    private static SimResident Leaving => Roster.First(r => r.EmailOptIn);

    private static SimResident Staying => Roster.Last(r => r.EmailOptIn);

    private HubWorld World => browser.World;

    [Fact]
    public async Task A_reader_opens_the_unsubscribe_link_of_a_real_digest_confirms_and_is_unsubscribed_only_after_the_click()
    {
        await CsvRoster.SyncAsync(World, Community, Roster);
        var leaving = await CsvRoster.ReaderIdAsync(World, Leaving);
        var staying = await CsvRoster.ReaderIdAsync(World, Staying);
        await DigestMailing.AddEventAsync(World, Community, "微讲堂：古林的老字号");
        var counts = await DigestMailing.SendAsync(World, Community);
        Assert.Equal(Roster.Count(r => r.EmailOptIn), counts["sent"]);
        var link = DigestMailing.UnsubscribeLink(DigestMailing.ReceivedBy(World, Leaving.Email));
        Assert.Equal(World.Address.Authority, link.Authority);
        Assert.True(await OptedInAsync(leaving) && await OptedInAsync(staying), "The readers did not start opted in.");

        await browser.Chromium.RunAsync(World.Address, nameof(A_reader_opens_the_unsubscribe_link_of_a_real_digest_confirms_and_is_unsubscribed_only_after_the_click), async page =>
        {
            var opened = await page.GotoAsync(link.ToString());

            Assert.Equal(200, opened?.Status);
            Assert.Equal(link.AbsolutePath, new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "退订活动周报" })).ToBeVisibleAsync();
            var confirm = page.GetByRole(AriaRole.Button, new() { Name = "确认退订" });
            await Assertions.Expect(confirm).ToBeVisibleAsync();
            // The page's own look reaches the browser (the library's blue button), not a bare page.
            await Assertions.Expect(confirm).ToHaveCSSAsync("background-color", "rgb(11, 110, 153)");
            // Mail scanners open every link: the page alone must change nothing.
            Assert.True(await OptedInAsync(leaving), "Opening the link (GET) unsubscribed the reader before any click.");
            Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM outreach.mail_preferences WHERE reader_id = $1", leaving));

            var confirmed = await page.RunAndWaitForResponseAsync(() => confirm.ClickAsync(), r => r.Request.Method == "POST");

            Assert.Equal(200, confirmed.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "已退订" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("您已退订图书馆的活动周报，之后不会再收到。")).ToBeVisibleAsync();
            Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "outreach.staff");
        });

        Assert.False(await OptedInAsync(leaving), "The reader who confirmed is still opted in.");
        Assert.True(await OptedInAsync(staying), "A reader who clicked nothing was unsubscribed.");
    }

    [Fact]
    public async Task A_tampered_unsubscribe_link_shows_a_refusal_page_and_changes_nothing()
    {
        await CsvRoster.SyncAsync(World, Community, Roster);
        var reader = await CsvRoster.ReaderIdAsync(World, Staying);
        var token = World.Dashboard.Services.GetRequiredService<DigestTokens>().ForReader(reader);
        var tampered = Tamper(token);
        Assert.True(await OptedInAsync(reader));
        var preferencesBefore = await PreferencesAsync();

        await browser.Chromium.RunAsync(World.Address, nameof(A_tampered_unsubscribe_link_shows_a_refusal_page_and_changes_nothing), async page =>
        {
            var refused = await page.GotoAsync($"{DigestLinks.UnsubscribePath}/{tampered}");

            Assert.Equal(404, refused?.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "链接无效" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("这个链接无效或已损坏。请使用最近一封活动周报中的链接。")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            // What a crafted form would send: refused as well.
            var posted = await page.APIRequest.PostAsync($"{DigestLinks.UnsubscribePath}/{tampered}");
            Assert.Equal(404, posted.Status);

            // The untampered token opens the confirmation: the refusal above is the tampering's doing.
            var genuine = await page.GotoAsync($"{DigestLinks.UnsubscribePath}/{token}");
            Assert.Equal(200, genuine?.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认退订" })).ToBeVisibleAsync();
        });

        Assert.True(await OptedInAsync(reader), "A tampered link unsubscribed the reader it was made from.");
        Assert.Equal(preferencesBefore, await PreferencesAsync());
    }

    // One character in the middle changed: the encrypted block differs, so the tag no longer matches.
    private static string Tamper(string token)
    {
        var at = token.Length / 3;
        var replacement = token[at] == 'a' ? 'b' : 'a';
        return string.Concat(token.AsSpan(0, at), replacement.ToString(), token.AsSpan(at + 1));
    }

    // What the digest's enrolment asks of a reader: opted in by the roster and not unsubscribed since.
    private async Task<bool> OptedInAsync(long readerId) => await World.CountAsync("""
        SELECT count(*) FROM outreach.readers r LEFT JOIN outreach.mail_preferences p ON p.reader_id = r.id
        WHERE r.id = $1 AND r.email_opt_in AND p.unsubscribed_at IS NULL
        """, readerId) == 1;

    private async Task<string> PreferencesAsync() => string.Join("\n", await World.ListAsync(
        "SELECT reader_id || ' ' || coalesce(unsubscribed_at::text, '-') || ' ' || coalesce(kinds::text, '-') || ' ' || updated_at FROM outreach.mail_preferences ORDER BY reader_id"));
}
