using System.Text;
using Outreach.Testing.Metrics;
using Outreach.Worker.Activity;
using Outreach.Worker.Activity.Csv;

namespace Outreach.Worker.Tests.Metrics;

public sealed class ActivityIntakeTests
{
    [Fact]
    public async Task A_resent_batch_is_counted_once()
    {
        await using var world = await MetricsWorld.StartAsync("activity_resent");
        await OctoberData.SeedAsync(world);
        ActivityRecord[] batch = [new("v-1", OctoberData.Ann, "visit", "2026-10-02T09:00:00+08:00"), new("l-1", OctoberData.Ann, "loan", "2026-10-02T09:10:00+08:00")];

        var first = await world.SendAsync("gate", batch);
        var again = await world.SendAsync("gate", batch);

        Assert.Equal((2, 2, 0), (first.Received, first.Accepted, first.Duplicates));
        Assert.Equal((2, 0, 2), (again.Received, again.Accepted, again.Duplicates));
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.activities"));
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'activity' AND scope = 'gate' AND status = 'succeeded'"));
    }

    [Fact]
    public async Task An_unknown_card_is_quarantined_once_and_accepted_when_sent_again_after_its_card_is_issued()
    {
        await using var world = await MetricsWorld.StartAsync("activity_unknown");
        await OctoberData.SeedAsync(world);
        var record = new ActivityRecord("v-9", OctoberData.Unknown, "visit", "2026-10-02T09:00:00+08:00");

        var refused = await world.SendAsync("gate", record);
        var refusedAgain = await world.SendAsync("gate", record);
        await world.ExecuteAsync("""
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, issued_community, updated_at)
            VALUES (5, 'ZB0000009999', 'active', '2026-10-01', 'GL02', now())
            ON CONFLICT (reader_id) DO UPDATE SET card_number = EXCLUDED.card_number
            """);
        var accepted = await world.SendAsync("gate", record);

        Assert.Equal((1, 0), (refused.Quarantined, refused.Accepted));
        Assert.Equal("unknown_card", refused.Rejects.Single().Reason);
        Assert.Contains(OctoberData.Unknown, refused.Rejects.Single().Message, StringComparison.Ordinal);
        Assert.Equal((0, 1), (refusedAgain.Quarantined, refusedAgain.AlreadyQuarantined));
        Assert.Equal(1, accepted.Accepted);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.quarantine WHERE reason_code = 'unknown_card'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.quarantine WHERE reason_code = 'unknown_card' AND resolved_at IS NOT NULL"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.activity_rejects"));
    }

    [Fact]
    public async Task Records_that_cannot_count_are_quarantined_with_their_reason()
    {
        await using var world = await MetricsWorld.StartAsync("activity_reasons");
        await OctoberData.SeedAsync(world);

        var outcome = await world.SendAsync("gate",
            new ActivityRecord(null, OctoberData.Ann, "visit", "2026-10-02T09:00:00+08:00"),
            new ActivityRecord("r-2", OctoberData.Ann, "browse", "2026-10-02T09:00:00+08:00"),
            new ActivityRecord("r-3", OctoberData.Ann, "visit", "yesterday"),
            new ActivityRecord("r-4", OctoberData.Ann, "visit", "2026-12-24T09:00:00+08:00"),
            new ActivityRecord("r-5", OctoberData.Ann, "attendance", "2026-10-18T14:00:00+08:00", 404),
            new ActivityRecord("r-6", "", "visit", "2026-10-02T09:00:00+08:00"),
            new ActivityRecord("r-7", OctoberData.Ann, "visit", "2026-10-02"));

        Assert.Equal(0, outcome.Accepted);
        Assert.Equal(7, outcome.Quarantined);
        Assert.Equal(["missing_id", "invalid_kind", "invalid_time", "future_time", "unknown_event", "missing_card", "invalid_time"],
            outcome.Rejects.Select(r => r.Reason));
        // A refused record of a known reader names the community; the quarantine page shows it there.
        Assert.Equal(6, await world.CountAsync("SELECT count(*) FROM outreach.quarantine WHERE source = 'api:gate' AND community = 'GL01'"));
    }

    [Fact]
    public async Task A_reader_who_moved_counts_for_the_community_they_lived_in_when_the_activity_happened()
    {
        await using var world = await MetricsWorld.StartAsync("activity_moved");
        await OctoberData.SeedAsync(world);

        await world.SendAsync("gate",
            new ActivityRecord("before", OctoberData.Bo, "visit", "2026-10-15T11:59:59+08:00"),
            new ActivityRecord("after", OctoberData.Bo, "visit", "2026-10-15T12:00:00+08:00"));

        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.activities WHERE source_id = 'before' AND community = 'GL01'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.activities WHERE source_id = 'after' AND community = 'GL02'"));
    }

    [Fact]
    public async Task Csv_files_in_the_drop_folder_are_taken_in_once_and_moved_to_processed()
    {
        await using var world = await MetricsWorld.StartAsync("activity_csv");
        await OctoberData.SeedAsync(world);
        var gate = Path.Combine(world.DropFolder, "gate_20261031.csv");
        await File.WriteAllTextAsync(gate, "id,card,kind,at\r\ng-1,ZB0000000011,visit,2026-10-31 23:59\r\ng-2,ZB0000000011,visit,2026-11-01 00:00\r\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await File.WriteAllTextAsync(Path.Combine(world.DropFolder, "ils_20261031.csv"),
            "编号,阅览证号,类型,时间\r\nL-1,ZB0000000033,借阅,2026/10/31 10:00:00\r\nL-2,ZB0000009999,借阅,2026/10/31 10:05:00\r\n",
            Encoding.GetEncoding("GB18030"));

        var outcomes = await world.Get<ActivityDropImport>().RunAsync(CancellationToken.None);
        File.Copy(Path.Combine(world.DropFolder, "processed", "gate_20261031.csv"), gate);
        var again = await world.Get<ActivityDropImport>().RunAsync(CancellationToken.None);

        Assert.Equal([(2L, 2L, 0L), (2L, 1L, 1L)], outcomes.Select(o => (o.Received, o.Accepted, o.Quarantined)));
        Assert.Equal((2, 0, 2), (again.Single().Received, again.Single().Accepted, again.Single().Duplicates));
        Assert.True(File.Exists(Path.Combine(world.DropFolder, "processed", "ils_20261031.csv")));
        Assert.True(File.Exists(Path.Combine(world.DropFolder, "processed", "gate_20261031_2.csv")));
        Assert.Empty(Directory.GetFiles(world.DropFolder, "*.csv"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.activities WHERE source = 'gate' AND occurred_at = '2026-10-31 23:59+08'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.activities WHERE source = 'ils' AND kind = 'loan' AND community = 'GL02'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.quarantine WHERE source = 'ils_20261031.csv' AND reason_code = 'unknown_card'"));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_moved_to_rejected_and_its_run_fails_saying_why()
    {
        await using var world = await MetricsWorld.StartAsync("activity_rejected");
        await File.WriteAllTextAsync(Path.Combine(world.DropFolder, "gate_20261031.csv"), "who,when\r\nx,y\r\n");
        await File.WriteAllTextAsync(Path.Combine(world.DropFolder, "visits.csv"), "id,card,kind,at\r\n");

        var outcomes = await world.Get<ActivityDropImport>().RunAsync(CancellationToken.None);

        Assert.Empty(outcomes);
        Assert.True(File.Exists(Path.Combine(world.DropFolder, "rejected", "gate_20261031.csv")));
        Assert.True(File.Exists(Path.Combine(world.DropFolder, "rejected", "visits.csv")));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'activity' AND status = 'failed' AND message LIKE '%header lacks id, card, kind, at%'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE job = 'activity' AND status = 'failed' AND message LIKE '%SOURCE_anything.csv%'"));
    }
}
