using Outreach.Testing;
using Outreach.Worker.Audit;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Notices;

namespace Outreach.Worker.Tests.Seats;

public sealed class StuckSeatNoticesTests
{
    private static readonly AuditActor Staff = new(null, "desk", "127.0.0.1");

    [Fact]
    public async Task A_notice_a_crash_left_sending_is_listed_masked_and_sent_again_once_on_a_staff_decision_taken_twice()
    {
        await using var world = await SeatsWorld.StartAsync("seats_stuck_resend");
        var readers = await world.ReadersAsync(2);
        var eventId = await world.EventAsync(5, TimeSpan.FromDays(3));
        foreach (var reader in readers)
        {
            await world.Book.RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        }

        // A worker claimed the first confirmation and died before the relay answered.
        var stuckId = await world.CountAsync("""
            UPDATE outreach.seat_notices n SET status = 'sending', attempts = 1, claimed_at = $2, claimed_by = 'crashed-worker'
            FROM outreach.seat_registrations r WHERE r.id = n.registration_id AND r.reader_id = $1 RETURNING n.id
            """, readers[0], world.Clock.GetUtcNow().AddMinutes(-30));
        await world.Get<SeatMail>().RunAsync(CancellationToken.None);
        Assert.Single(world.Sandbox.Mail.Messages);

        var stuck = world.Get<StuckSeatNotices>();
        Assert.Equal(1, await stuck.CountAsync(CancellationToken.None));
        var listed = Assert.Single(await stuck.ListAsync(eventId, 100, CancellationToken.None));
        Assert.Equal((stuckId, readers[0], "confirmed", "crashed-worker"), (listed.Id, listed.ReaderId, listed.Kind, listed.ClaimedBy));
        Assert.Matches(@"^.\*\*\*@", listed.Address);
        Assert.Single(await stuck.ListAsync(null, 100, CancellationToken.None));

        Assert.True(await stuck.ResolveAsync(eventId, stuckId, resend: true, Staff, CancellationToken.None));
        Assert.False(await stuck.ResolveAsync(eventId, stuckId, resend: true, Staff, CancellationToken.None));
        Assert.False(await stuck.ResolveAsync(eventId, stuckId, resend: false, Staff, CancellationToken.None));
        Assert.Empty(await stuck.ListAsync(eventId, 100, CancellationToken.None));
        Assert.Equal(0, await stuck.CountAsync(CancellationToken.None));
        await world.Get<SeatMail>().RunAsync(CancellationToken.None);
        await world.Get<SeatMail>().RunAsync(CancellationToken.None);

        Assert.Equal(2, world.Sandbox.Mail.Messages.Count);
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE status = 'sent'"));
        Assert.Equal(1, await world.CountAsync(
            "SELECT count(*) FROM outreach.audit_log WHERE action = $1 AND target = $2", AuditActions.SeatMailSendAgain, AuditEntry.Reader(readers[0])));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1", AuditActions.SeatMailArrived));
    }

    [Fact]
    public async Task A_stuck_notice_recorded_as_arrived_is_never_sent_and_one_of_another_event_or_a_live_run_is_left_alone()
    {
        await using var world = await SeatsWorld.StartAsync("seats_stuck_arrived");
        var readers = await world.ReadersAsync(1);
        var eventId = await world.EventAsync(5, TimeSpan.FromDays(3));
        var otherEvent = await world.EventAsync(5, TimeSpan.FromDays(4));
        await world.Book.RegisterAsync(eventId, readers[0], 0, SeatChannel.Digest, CancellationToken.None);
        var stuckId = await world.CountAsync(
            "UPDATE outreach.seat_notices SET status = 'sending', attempts = 1, claimed_at = $1, claimed_by = 'crashed-worker' RETURNING id",
            world.Clock.GetUtcNow().AddMinutes(-30));
        var stuck = world.Get<StuckSeatNotices>();

        // While a run of the seat mail is going on, its claims are its own.
        var running = await world.CountAsync(
            "INSERT INTO outreach.job_runs (job, scope, started_at, status) VALUES ($1, 'readers', now(), 'running') RETURNING id", SeatMail.JobName);
        Assert.Empty(await stuck.ListAsync(eventId, 100, CancellationToken.None));
        Assert.Equal(0, await stuck.CountAsync(CancellationToken.None));
        Assert.False(await stuck.ResolveAsync(eventId, stuckId, resend: false, Staff, CancellationToken.None));
        await world.CountAsync("UPDATE outreach.job_runs SET status = 'failed', finished_at = now() WHERE id = $1 RETURNING id", running);

        Assert.False(await stuck.ResolveAsync(otherEvent, stuckId, resend: false, Staff, CancellationToken.None));
        Assert.True(await stuck.ResolveAsync(eventId, stuckId, resend: false, Staff, CancellationToken.None));
        await world.Get<SeatMail>().RunAsync(CancellationToken.None);

        Assert.Empty(world.Sandbox.Mail.Messages);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE status = 'sent' AND sent_at IS NOT NULL AND reply LIKE 'Recorded as sent by desk'"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1", AuditActions.SeatMailArrived));
    }

    [Fact]
    public async Task The_home_pages_count_of_stuck_notices_reads_the_index_of_sending_notices_not_the_ledger()
    {
        await using var world = await SeatsWorld.StartAsync("seats_stuck_count_plan");
        var readers = await world.ReadersAsync(1);
        var eventId = await world.EventAsync(5, TimeSpan.FromDays(3));
        await world.Book.RegisterAsync(eventId, readers[0], 0, SeatChannel.Digest, CancellationToken.None);
        // A long ledger of notices sent, and one a crash left in sending.
        await world.CountAsync("""
            WITH sent AS (
                INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at, status, attempts, sent_at)
                SELECT r.id, 'reminder', 'r' || i, now(), 'sent', 1, now() FROM outreach.seat_registrations r, generate_series(1, 20000) AS i
                RETURNING id)
            SELECT count(*) FROM sent
            """);
        await world.CountAsync("UPDATE outreach.seat_notices SET status = 'sending', claimed_at = now() WHERE kind = 'confirmed' RETURNING id");
        await world.Db.ExecuteAsync("ANALYZE outreach.seat_notices");

        var plan = string.Join("\n", await world.Db.ListAsync("EXPLAIN " + StuckSeatNotices.CountSql));

        Assert.Equal(1, await world.Get<StuckSeatNotices>().CountAsync(CancellationToken.None));
        Assert.Contains("using seat_notices_sending", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on seat_notices", plan, StringComparison.Ordinal);
    }
}
