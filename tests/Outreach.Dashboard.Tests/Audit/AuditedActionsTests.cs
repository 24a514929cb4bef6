using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hangfire;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.Dashboard.Tests.Audit;

/// <summary>Each audited staff action leaves exactly one entry, naming who did it and on what; doing nothing leaves none.</summary>
public sealed class AuditedActionsTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private Task<long> EntriesAsync(string action, string? target = null) => target is null
        ? fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1", action)
        : fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = $1 AND target = $2", action, target);

    private async Task<long> AddsOneAsync(string action, Func<Task> act, string? target = null, string? actor = null)
    {
        var before = await EntriesAsync(action, target);
        await act();
        var after = await EntriesAsync(action, target);
        Assert.True(after == before + 1, $"{action}: {after - before} entries, not one");
        if (actor is not null)
        {
            Assert.Equal(actor, (await fixture.DataSource.ListAsync("SELECT actor FROM outreach.audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1", action)).Single());
        }

        return after;
    }

    [Fact]
    public async Task Logins_failed_logins_and_logouts_leave_one_entry_each()
    {
        using var client = fixture.NewClient();
        await AddsOneAsync("login_failed", async () => { using var _ = await client.LoginAsync(TestAccounts.Viewer, "not the password at all"); }, actor: TestAccounts.Viewer);
        await AddsOneAsync("login_failed", async () => { using var _ = await client.LoginAsync("nobody-at-all", "not the password at all"); }, actor: "unknown");
        await AddsOneAsync("login", async () => { using var _ = await client.LoginAsync(TestAccounts.Viewer); }, actor: TestAccounts.Viewer);
        await AddsOneAsync("logout", async () => { using var _ = await client.SubmitAsync("/", "/logout"); }, actor: TestAccounts.Viewer);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE details LIKE '%not the password%' OR actor = 'nobody-at-all'"));
    }

    [Fact]
    public async Task Hangfire_requeue_delete_and_trigger_and_run_now_leave_one_entry_each()
    {
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);
        var (requeued, _) = await fixture.FailedJobAsync();
        var (deleted, _) = await fixture.FailedJobAsync();
        fixture.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<FlakyJob>("audit-recurring", job => job.RunAsync("audit-recurring", CancellationToken.None), Cron.Never());

        await AddsOneAsync("hangfire_requeue", async () =>
        {
            using var response = await @operator.HangfirePostAsync("/hangfire/jobs/failed", "/hangfire/jobs/failed/requeue", ("jobs[]", requeued));
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }, "hangfire_job:" + requeued, TestAccounts.Operator);
        await AddsOneAsync("hangfire_delete", async () =>
        {
            using var response = await @operator.HangfirePostAsync($"/hangfire/jobs/details/{deleted}", $"/hangfire/jobs/actions/delete/{deleted}");
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }, "hangfire_job:" + deleted, TestAccounts.Operator);
        await AddsOneAsync("hangfire_trigger", async () =>
        {
            using var response = await @operator.HangfirePostAsync("/hangfire/recurring", "/hangfire/recurring/trigger", ("jobs[]", "audit-recurring"));
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }, "hangfire_job:audit-recurring", TestAccounts.Operator);
        await AddsOneAsync("run_now", async () =>
        {
            using var response = await @operator.SubmitAsync("/schedules", "/schedules?handler=RunNow", ("name", TestSettings.RunnableSchedule));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }, "schedule:" + TestSettings.RunnableSchedule, TestAccounts.Operator);

        // Polling the counters is not an action.
        using (var stats = await @operator.HangfirePostAsync("/hangfire", "/hangfire/stats", ("metrics[]", "failed:count")))
        {
            Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE details LIKE '%/stats%'"));
        }
    }

    [Fact]
    public async Task Approvals_resolutions_order_decisions_and_digest_decisions_leave_one_entry_each_and_a_repeat_none()
    {
        var ids = await SeedAsync();
        using var @operator = await fixture.SignedInAsync(TestAccounts.Operator);

        await AddsOneAsync("roster_approved", () => @operator.SubmitAsync("/sync", "/sync?handler=Approve", ("run", ids.RefusedRun)), "run:" + ids.RefusedRun);
        await AddsOneAsync("quarantine_resolved", () => @operator.SubmitAsync("/quarantine", "/quarantine?handler=Resolve", ("id", ids.Quarantine)),
            "quarantine:" + ids.Quarantine);
        await AddsOneAsync("order_pushed_again", () => @operator.SubmitAsync($"/orders/details/{ids.Failed}", $"/orders/details/{ids.Failed}?handler=PushAgain"),
            "order:" + ids.Failed);
        await AddsOneAsync("order_released", () => @operator.SubmitAsync($"/orders/details/{ids.Held}", $"/orders/details/{ids.Held}?handler=Release"),
            "order:" + ids.Held);
        await AddsOneAsync("order_declined", () => @operator.SubmitAsync($"/orders/details/{ids.Held2}", $"/orders/details/{ids.Held2}?handler=Decline",
            ("reason", "馆藏已有两册")), "order:" + ids.Held2);
        await AddsOneAsync("digest_copy_arrived", () => @operator.SubmitAsync($"/digests/{ids.Digest}", $"/digests/{ids.Digest}?handler=Resolve",
            ("reader", ids.Reader), ("resend", "false")), "reader:" + ids.Reader);
        await AddsOneAsync("digest_copy_send_again", () => @operator.SubmitAsync($"/digests/{ids.Digest}", $"/digests/{ids.Digest}?handler=Resolve",
            ("reader", ids.Reader2), ("resend", "true")), "reader:" + ids.Reader2);

        // The same decisions again change nothing, and leave nothing.
        var before = await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log");
        await @operator.SubmitAsync("/quarantine", "/quarantine?handler=Resolve", ("id", ids.Quarantine));
        await @operator.SubmitAsync($"/orders/details/{ids.Held}", $"/orders/details/{ids.Held}?handler=Release");
        await @operator.SubmitAsync($"/digests/{ids.Digest}", $"/digests/{ids.Digest}?handler=Resolve", ("reader", ids.Reader), ("resend", "false"));
        Assert.Equal(before, await fixture.ScalarAsync("SELECT count(*) FROM outreach.audit_log"));
    }

    [Fact]
    public async Task Exports_reader_views_searches_and_residents_rights_leave_one_entry_each()
    {
        var ids = await SeedAsync();
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        await AddsOneAsync("metrics_exported", async () => { using var r = await viewer.GetAsync("/metrics/csv?month=2026-10"); Assert.Equal(HttpStatusCode.OK, r.StatusCode); },
            "metrics:2026-10", TestAccounts.Viewer);
        await AddsOneAsync("metrics_exported", async () => { using var r = await viewer.GetAsync("/metrics/report?month=2026-10"); Assert.Equal(HttpStatusCode.OK, r.StatusCode); },
            "metrics:2026-10");
        await AddsOneAsync("readers_searched", () => viewer.PageAsync("/readers?q=" + ids.CardNumber));
        await AddsOneAsync("reader_viewed", () => viewer.PageAsync($"/readers/{ids.Reader}"), "reader:" + ids.Reader, TestAccounts.Viewer);
        await AddsOneAsync("reader_access_exported", async () =>
        {
            using var file = await admin.GetAsync($"/privacy?handler=Access&id={ids.Reader}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/json", file.Content.Headers.ContentType?.MediaType);
        }, "reader:" + ids.Reader, TestAccounts.Admin);
        await AddsOneAsync("reader_erased", async () =>
        {
            using var erased = await admin.SubmitAsync("/privacy", "/privacy?handler=Erase", ("id", ids.Reader2), ("confirm", "yes"));
            Assert.Equal($"/privacy/receipt/{ids.Reader2}", erased.Headers.Location?.OriginalString);
        }, "reader:" + ids.Reader2, TestAccounts.Admin);
        Assert.Contains("个人信息删除回执", await admin.PageAsync($"/privacy/receipt/{ids.Reader2}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_page_is_for_admins_finds_entries_and_reports_an_entry_edited_in_the_database()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        using (var refused = await viewer.GetAsync("/audit"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Contains("The chain verifies", await admin.PageAsync("/audit?verify=true"), StringComparison.Ordinal);
        var logins = await admin.PageAsync("/audit?action=login&actor=" + TestAccounts.Viewer);
        Assert.Contains("<code>login</code>", logins, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>logout</code>", logins, StringComparison.Ordinal);

        var edited = await fixture.ScalarAsync("SELECT min(id) FROM outreach.audit_log WHERE action = 'login'");
        await fixture.ExecuteAsync($"""
            ALTER TABLE outreach.audit_log DISABLE TRIGGER audit_log_append_only;
            UPDATE outreach.audit_log SET actor = 'nobody' WHERE id = {edited};
            ALTER TABLE outreach.audit_log ENABLE TRIGGER audit_log_append_only;
            """);
        try
        {
            var page = await admin.PageAsync("/audit?verify=true");
            Assert.Contains("The chain does not verify", page, StringComparison.Ordinal);
            Assert.Contains($"entry {edited}: altered", page, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.ExecuteAsync($"""
                ALTER TABLE outreach.audit_log DISABLE TRIGGER audit_log_append_only;
                UPDATE outreach.audit_log SET actor = '{TestAccounts.Viewer}' WHERE id = {edited};
                ALTER TABLE outreach.audit_log ENABLE TRIGGER audit_log_append_only;
                """);
        }
    }

    private sealed record Seeded(string Reader, string Reader2, string CardNumber, string RefusedRun, string Quarantine, string Failed, string Held, string Held2,
        string Digest);

    private async Task<Seeded> SeedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        var reader = await fixture.ScalarAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            VALUES ('GL01', $1, '邱叶', '邱*', 'qiu@example.test', 'active', true, true, '\x00', now(), now()) RETURNING id
            """, "GL01-a-" + tag);
        var reader2 = await fixture.ScalarAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            VALUES ('GL01', $1, '周明', '周*', 'zhou@example.test', 'active', true, true, '\x00', now(), now()) RETURNING id
            """, "GL01-b-" + tag);
        var card = (await fixture.DataSource.ListAsync("""
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, issued_community, updated_at)
            VALUES ($1, outreach.next_card_number(), 'active', current_date, 'GL01', now()) RETURNING card_number || ':' || id
            """, reader)).Single().Split(':');
        var refused = await fixture.ScalarAsync("""
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status, counts, message)
            VALUES ('sync', $1, now(), now(), 'refused', '{"would_withdraw": 7}', 'refused') RETURNING id
            """, "GL9" + tag[..1]);
        var quarantine = await fixture.ScalarAsync("""
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            VALUES (1, 'GL03', 'residents.csv', 4, 'GL03-x', 'missing_name', 'name is empty', 'resident_id GL03-x', now()) RETURNING id
            """);
        string Order(string status) => $"""
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at)
            VALUES ('BO-2026-' || $1, $2, $3, $4, 'GL01', '9787020002207', '红楼梦', 1, 30, 'SOC-2026', date_trunc('month', now()), 'library_desk', 'staff', 'test',
                    '{status}', now(), now()) RETURNING order_ref
            """;
        var orders = new List<string>();
        foreach (var (status, n) in new[] { ("failed", "1"), ("held", "2"), ("held", "3") })
        {
            orders.Add((await fixture.DataSource.ListAsync(Order(status), tag + n, reader, long.Parse(card[1], CultureInfo.InvariantCulture), card[0])).Single());
        }

        var digest = await fixture.ScalarAsync("""
            INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            VALUES ('GL01', $1, now(), now() + interval '7 days', 'Digest', '[]', 0, now()) RETURNING id
            """, "2026-W" + tag[..2]);
        await fixture.ExecuteAsync("""
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, claimed_at, address) VALUES ($1, $2, 'sending', now(), 'qiu@example.test'),
                ($1, $3, 'sending', now(), 'zhou@example.test')
            """, digest, reader, reader2);
        await fixture.ExecuteAsync("""
            INSERT INTO outreach.metric_months (month, time_zone, period_start, period_end, computed_at, run_id, sources, fingerprint)
            VALUES ('2026-10-01', 'Asia/Shanghai', '2026-09-30 16:00Z', '2026-10-31 16:00Z', now(), 1, '{}', 'x') ON CONFLICT DO NOTHING;
            INSERT INTO outreach.metric_values (month, community, indicator, value) VALUES ('2026-10-01', '*', 'population_served', 3000) ON CONFLICT DO NOTHING;
            """);
        return new Seeded(Text(reader), Text(reader2), card[0], Text(refused), Text(quarantine), orders[0], orders[1], orders[2], Text(digest));
    }
}
