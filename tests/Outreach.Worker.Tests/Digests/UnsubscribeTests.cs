using Outreach.Worker.Digests.Consent;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Preferences;

namespace Outreach.Worker.Tests.Digests;

public sealed class UnsubscribeTests
{
    [Fact]
    public async Task A_reader_who_unsubscribes_while_the_digest_is_being_sent_gets_no_copy()
    {
        await using var world = await DigestWorld.StartAsync("unsub_during", s =>
        {
            s["Outreach:Mail:MessagesPerSecond"] = "100";
            s["Outreach:Mail:Connections"] = "2";
        });
        var readers = await world.AddReadersAsync("GL03", 1, 200);
        await world.AddEventAsync("微讲堂", 1);

        var run = world.RunDigestAsync("GL03");
        await world.Sandbox.Mail.WaitForCountAsync(20, TimeSpan.FromSeconds(30));
        var token = world.Get<DigestTokens>().ForReader(readers[^1]);
        Assert.True(world.Get<DigestTokens>().TryReadReader(token, out var readerId));
        Assert.True(await world.Get<MailPreferences>().UnsubscribeAsync(readerId, ConsentSources.UnsubscribeLink, CancellationToken.None));
        var counts = await run;

        Assert.Equal(199, counts["sent"]);
        Assert.Equal(1, counts["skipped"]);
        Assert.DoesNotContain(DigestWorld.Address(200), world.CopiesByRecipient().Keys);
        Assert.Equal("unsubscribed", await world.ScalarTextAsync("SELECT skip_reason FROM outreach.digest_deliveries WHERE reader_id = $1", readerId));
        var digest = Assert.Single(await world.Get<Outreach.Worker.Digests.Staff.DigestBoard>().ListAsync(null, null, 10, CancellationToken.None));
        Assert.Equal(1, digest.Unsubscribed);
    }

    [Fact]
    public async Task Unsubscribing_twice_is_harmless_and_a_kind_choice_narrows_the_next_digest()
    {
        await using var world = await DigestWorld.StartAsync("unsub_kinds");
        var readers = await world.AddReadersAsync("GL03", 1, 3);
        await world.AddEventAsync("影评沙龙", 1, "film_salon");
        await world.AddEventAsync("微讲堂", 2, "lecture");
        var preferences = world.Get<MailPreferences>();

        Assert.True(await preferences.UnsubscribeAsync(readers[0], ConsentSources.UnsubscribeLink, CancellationToken.None));
        Assert.True(await preferences.UnsubscribeAsync(readers[0], ConsentSources.UnsubscribeLink, CancellationToken.None));
        Assert.Equal(ChoiceOutcome.Subscribed, await preferences.ChooseAsync(readers[1], ["film_salon"], false, CancellationToken.None));
        Assert.Equal(ChoiceOutcome.Subscribed, await preferences.ChooseAsync(readers[2], ["heritage"], false, CancellationToken.None));
        Assert.False(await preferences.UnsubscribeAsync(999_999, ConsentSources.UnsubscribeLink, CancellationToken.None));

        var counts = await world.RunDigestAsync("GL03");

        Assert.Equal(1, counts["sent"]);
        var only = Assert.Single(world.Sandbox.Mail.Messages).Parse();
        Assert.Equal(DigestWorld.Address(2), only.To.Mailboxes.Single().Address);
        Assert.Contains("影评沙龙", only.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("微讲堂", only.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("no_matching_events", await world.ScalarTextAsync("SELECT skip_reason FROM outreach.digest_deliveries WHERE reader_id = $1", readers[2]));
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM outreach.mail_preferences WHERE unsubscribed_at IS NOT NULL"));
    }

    [Fact]
    public async Task Saving_no_kind_sends_nothing_and_an_unsubscribed_reader_stays_so_until_they_ask_again()
    {
        await using var world = await DigestWorld.StartAsync("unsub_consent");
        var readers = await world.AddReadersAsync("GL03", 1, 3);
        await world.AddEventAsync("微讲堂", 1, "lecture");
        var preferences = world.Get<MailPreferences>();
        Assert.True(await preferences.UnsubscribeAsync(readers[1], ConsentSources.UnsubscribeLink, CancellationToken.None));
        Assert.True(await preferences.UnsubscribeAsync(readers[2], ConsentSources.UnsubscribeLink, CancellationToken.None));

        Assert.Equal(ChoiceOutcome.NothingChosen, await preferences.ChooseAsync(readers[0], [], false, CancellationToken.None));
        Assert.Equal(ChoiceOutcome.StillUnsubscribed, await preferences.ChooseAsync(readers[1], ["lecture"], false, CancellationToken.None));
        Assert.Equal(ChoiceOutcome.Subscribed, await preferences.ChooseAsync(readers[2], ["lecture"], true, CancellationToken.None));

        var counts = await world.RunDigestAsync("GL03");

        Assert.Equal(1, counts["sent"]);
        Assert.Equal(DigestWorld.Address(3), Assert.Single(world.Sandbox.Mail.Messages).Parse().To.Mailboxes.Single().Address);
        var consents = await world.Get<MailConsents>().OfReaderAsync(readers[2], CancellationToken.None);
        Assert.Equal([(ConsentSources.UnsubscribeLink, false), (ConsentSources.PreferencesPage, true)],
            consents.Where(c => c.Source != ConsentSources.Roster).Select(c => (c.Source, c.Subscribed)));
        Assert.Equal(["lecture"], consents[^1].Kinds);
    }
}
