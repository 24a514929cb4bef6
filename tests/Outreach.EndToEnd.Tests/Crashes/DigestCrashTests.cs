using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Faults;
using Outreach.Testing;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Sending;

namespace Outreach.EndToEnd.Tests.Crashes;

/// <summary>
/// A worker process killed (SIGKILL) while it sends a community's weekly digest, and a restarted one that finishes it. The
/// ledger's contract (DeliveryLedger): a copy goes out only after its row was claimed ('sending'), is recorded 'sent' right
/// after the relay accepted it, and a row a crash leaves 'sending' is never sent again but shown on the digest's page.
/// </summary>
public sealed partial class DigestCrashTests : IAsyncLifetime
{
    private const string Community = "GL01";
    private const int Readers = 2_000;
    private const int Connections = 4;
    private const int AcknowledgedBeforeStall = 60;

    // The relay acknowledges the first copies at a normal pace, then catches the next copy of each SMTP connection and
    // holds its acknowledgement back: the kill finds every connection with a copy the relay has and the hub has not
    // recorded. The hold is long enough for a loaded machine to get round to the kill, and shorter than the hub's message
    // timeout (set to a minute below), so no connection gives up before it.
    private static readonly TimeSpan NormalAcknowledgement = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    private HubWorld _world = null!;

    public async Task InitializeAsync() => _world = await HubWorld.StartAsync("digestcrash", ProcessWorld.Options());

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_worker_killed_during_a_digest_leaves_it_to_the_restarted_worker_and_every_reader_gets_one_copy_or_is_reported_never_two()
    {
        await SeededReaders.AddAsync(_world, Community, Readers);
        await AddEventAsync();
        _world.Sandbox.Faults.Add(FaultRule.SmtpDelayAfterAccept(NormalAcknowledgement, AcknowledgedBeforeStall));
        _world.Sandbox.Faults.Add(FaultRule.SmtpDelayAfterAccept(Stall, Connections));
        await using var first = WorkerProcess.Start("digest-first", WorkerSettings());
        await HangfireServers.WaitUntilServingAsync(_world, first);
        var jobId = _world.Enqueue(DigestRun.JobName, ("community", Community));
        await Eventually.TrueAsync(async () => _world.Sandbox.Mail.Messages.Count >= AcknowledgedBeforeStall + Connections
                && await SentAsync() >= AcknowledgedBeforeStall,
            TimeSpan.FromSeconds(90), "every SMTP connection waiting for an acknowledgement the relay holds back, the copies before recorded");

        await first.KillAsync();
        _world.Sandbox.Faults.Clear();
        Assert.Equal("Processing", _world.StateOf(jobId));
        Assert.Equal(AcknowledgedBeforeStall + Connections, _world.Sandbox.Mail.Messages.Count);
        Assert.Equal(AcknowledgedBeforeStall, await SentAsync());
        Assert.True(await _world.CountAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE status = 'pending'") > 0,
            "the killed run left no copies for the restarted one");
        await using var restarted = WorkerProcess.Start("digest-restarted", WorkerSettings());
        await _world.WaitForStateWhileWorkingAsync(jobId, "Succeeded", stall: TimeSpan.FromMinutes(3));

        Assert.Equal([first.Id, restarted.Id], await HangfireServers.ProcessesThatRanAsync(_world, jobId));
        var deliveries = await DeliveriesAsync();
        var copies = CopiesByRecipient();
        Assert.Equal(Readers, deliveries.Count);
        // Nobody got two copies, and nobody outside the ledger got one.
        Assert.All(copies, copy => Assert.True(copy.Value == 1, $"{copy.Key} got {copy.Value} copies"));
        Assert.Subset(deliveries.Select(d => d.Address).ToHashSet(StringComparer.OrdinalIgnoreCase), copies.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));

        // Every reader's copy was either recorded sent (and arrived once) or caught by the kill between claim and record: left
        // 'sending' by the killed process, arrived once or not at all, and not resent.
        Assert.All(deliveries, d => Assert.True(d.Status is "sent" or "sending", $"reader {d.ReaderId} is {d.Status}"));
        Assert.All(deliveries.Where(d => d.Status == "sent"), d => Assert.True(copies.ContainsKey(d.Address), $"{d.Address} is recorded sent but got nothing"));
        var stuck = deliveries.Where(d => d.Status == "sending").ToList();
        Assert.All(stuck, d => Assert.Equal(first.Id, d.ClaimedBy));
        // Both kinds were there: copies claimed ahead of the connections and never handed over, and the copy of each
        // connection that the relay had accepted when the kill came, before the hub could record it.
        Assert.Contains(stuck, d => !copies.ContainsKey(d.Address));
        Assert.Equal(Connections, stuck.Count(d => copies.ContainsKey(d.Address)));
        Assert.Equal(deliveries.Count(d => d.Status == "sent") + stuck.Count(d => copies.ContainsKey(d.Address)), _world.Sandbox.Mail.Messages.Count);

        // Both processes sent; the restarted run sent only what nobody had claimed, and counted what the kill left behind.
        Assert.Equal(AcknowledgedBeforeStall, deliveries.Count(d => d.ClaimedBy == first.Id && d.Status == "sent"));
        var rerun = await RerunCountsAsync();
        Assert.Equal(Readers, rerun["recipients"]);
        Assert.Equal(stuck.Count, rerun["stuck_before"]);
        Assert.Equal(deliveries.Count(d => d.ClaimedBy == restarted.Id), rerun["sent"]);
        Assert.True(rerun["sent"] > 0, "the restarted run sent nothing");
        Assert.All(deliveries.Where(d => d.ClaimedBy == restarted.Id), d => Assert.Equal("sent", d.Status));

        // Staff see exactly those readers on the digest's page, to decide about each.
        var page = await DigestPageAsync();
        Assert.Equal(stuck.Count.ToString(CultureInfo.InvariantCulture), StuckCounter().Match(page).Groups[1].Value);
        Assert.Equal(stuck.Select(d => d.ReaderId.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            Html.AttributeValues(page, "data-reader").Order(StringComparer.Ordinal));
    }

    private Dictionary<string, string?> WorkerSettings() => ProcessWorld.WorkerSettings(_world, settings =>
    {
        settings["Outreach:Mail:Host"] = "127.0.0.1";
        settings["Outreach:Mail:Port"] = _world.Sandbox.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Mail:Security"] = "None";
        settings["Outreach:Mail:From"] = "library@lib.example.cn";
        settings["Outreach:Mail:Connections"] = Connections.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Mail:MessageTimeout"] = "00:01:00";
        // No limit of the hub's own: the default (50 a second) would only stretch the restarted run.
        settings["Outreach:Mail:MessagesPerSecond"] = "0";
        settings["Outreach:Digests:PublicBaseUrl"] = _world.Address.ToString();
    });

    private async Task AddEventAsync()
    {
        var calendar = _world.Dashboard.Services.GetRequiredService<LibraryCalendar>();
        var start = calendar.StartOf(calendar.Today.AddDays(2)).AddHours(14);
        await _world.Dashboard.Services.GetRequiredService<EventStore>().CreateAsync(
            new EventDraft("lecture", "古籍修复微讲堂", "讲座简介", "图书馆报告厅", start, start.AddHours(2), [Community], 50, null),
            EventStore.StaffSource, CancellationToken.None);
    }

    private Task<long> SentAsync() => _world.CountAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE status = 'sent'");

    /// <summary>How many copies each envelope recipient received.</summary>
    private Dictionary<string, int> CopiesByRecipient() => _world.Sandbox.Mail.Messages
        .SelectMany(m => m.To)
        .GroupBy(a => a, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    private async Task<List<Delivery>> DeliveriesAsync()
    {
        // claimed_by is "{machine}:{pid}" of the process whose run claimed the row.
        await using var command = _world.Db.CreateCommand("""
            SELECT d.reader_id, coalesce(d.address, ''), d.status, coalesce(split_part(d.claimed_by, ':', 2)::int, 0)
            FROM outreach.digest_deliveries d JOIN outreach.digests g ON g.id = d.digest_id
            WHERE g.community = $1
            """);
        command.Parameters.AddWithValue(Community);
        var deliveries = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            deliveries.Add(new Delivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return deliveries;
    }

    private async Task<Dictionary<string, long>> RerunCountsAsync()
    {
        var counts = await _world.ListAsync("SELECT counts::text FROM outreach.job_runs WHERE job = 'digest' AND status = 'succeeded'");
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(Assert.Single(counts))!;
    }

    private async Task<string> DigestPageAsync()
    {
        var digestId = await _world.CountAsync("SELECT id FROM outreach.digests WHERE community = $1", Community);
        using var viewer = await _world.SignedInAsync(TestAccounts.Viewer);
        return await viewer.PageAsync(string.Create(CultureInfo.InvariantCulture, $"/digests/{digestId}"));
    }

    [GeneratedRegex("id=\"stuck\">(\\d+)<")]
    private static partial Regex StuckCounter();

    private sealed record Delivery(long ReaderId, string Address, string Status, int ClaimedBy);
}
