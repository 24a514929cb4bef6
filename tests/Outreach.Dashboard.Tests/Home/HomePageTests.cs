using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hangfire;
using Outreach.Dashboard.Home;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing.Desk;
using Outreach.Worker.Audit;
using Outreach.Worker.Seats.Notices;

namespace Outreach.Dashboard.Tests.Home;

public sealed class HomePageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Home_counts_failed_jobs_and_the_failed_or_refused_runs_of_the_last_week()
    {
        await fixture.ExecuteAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status)
            VALUES ('roster-sync', 'GL01', now() - interval '1 day', now() - interval '1 day', 'failed'),
                   ('roster-sync', 'GL02', now() - interval '2 days', now() - interval '2 days', 'failed'),
                   ('roster-sync', 'GL03', now() - interval '3 days', now() - interval '3 days', 'refused'),
                   ('roster-sync', 'GL04', now() - interval '10 days', now() - interval '10 days', 'failed'),
                   ('housekeeping', 'all', now() - interval '1 hour', now() - interval '1 hour', 'succeeded')
            """);
        // FlakyJob takes no automatic retries, so the job lands in Failed rather than in a retry.
        fixture.Services.GetRequiredService<IBackgroundJobClient>()
            .Create<FlakyJob>(job => job.RunAsync("home", CancellationToken.None), new FailedState(new InvalidOperationException("for the home page")));
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/");

        Assert.Contains("id=\"failed-jobs\">1<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"failed-runs\">2<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"refused-runs\">1<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"hangfire-servers\">0<", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire/jobs/failed\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/runs?status=failed\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/runs?status=refused\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seat_mail_a_crash_left_in_sending_shows_in_its_own_counter_leading_to_the_seats_page_and_goes_once_released()
    {
        var seeded = await ReaderHistory.SeedAsync(fixture.DataSource, "home-seat-mail", "home.seat@example.test");
        var (eventId, noticeId) = await StuckSeatMailAsync(seeded.ReaderId);
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var stuck = await viewer.PageAsync("/");
        Assert.True(await fixture.Services.GetRequiredService<StuckSeatNotices>()
            .ResolveAsync(eventId, noticeId, resend: true, new AuditActor(null, "home-test", null), CancellationToken.None));
        var released = await viewer.PageAsync("/");

        Assert.Matches("""<a class="counter alert" href="/seats">\s*<span class="count" id="stuck-seat-mails">1<""", stuck);
        Assert.Contains(ResourceText.English<HomeText>("StuckSeatMails"), stuck, StringComparison.Ordinal);
        Assert.Contains("id=\"stuck-seat-mails\">0<", released, StringComparison.Ordinal);
    }

    // An event with the reader's seat, whose confirmation a worker claimed and died before the relay answered.
    private async Task<(long EventId, long NoticeId)> StuckSeatMailAsync(long readerId)
    {
        var eventId = await fixture.ScalarAsync("""
            INSERT INTO outreach.events (source, kind, title, venue, starts_at, ends_at, capacity, created_at, updated_at)
            VALUES ('staff', 'lecture', '微讲堂：首页计数', '古林镇图书馆', now() + interval '3 days', now() + interval '3 days 2 hours', 30, now(), now())
            RETURNING id
            """);
        var noticeId = await fixture.ScalarAsync("""
            WITH registration AS (
                INSERT INTO outreach.seat_registrations (event_id, reader_id, guests, status, channel, queued_at, created_at, updated_at)
                VALUES ($1, $2, 0, 'registered', 'staff', now(), now(), now()) RETURNING id)
            INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at, status, attempts, claimed_at, claimed_by)
            SELECT id, 'confirmed', '1', now(), 'sending', 1, now() - interval '30 minutes', 'crashed-worker' FROM registration RETURNING id
            """, eventId, readerId);
        return (eventId, noticeId);
    }
}
