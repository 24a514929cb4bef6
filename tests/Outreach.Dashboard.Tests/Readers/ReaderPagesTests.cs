using System.Net;
using Outreach.Dashboard.Tests.Hosting;

namespace Outreach.Dashboard.Tests.Readers;

/// <summary>A registry with two readers, a refused GL02 roster, a quarantined row and a card status that keeps failing.</summary>
public sealed class ReaderPagesFixture : DashboardFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync("""
            INSERT INTO outreach.readers (community, resident_id, id_hash, id_masked, name, name_masked, phone, email, status, wants_card,
                email_opt_in, row_hash, created_at, updated_at)
            VALUES ('GL01', 'GL01-0000001', '\x01', '330203********123X', '张三丰', '张*丰', '13812345678', 'zhang@example.cn', 'active', true, true,
                    '\x01', now(), now()),
                   ('GL01', 'GL01-0000002', '\x02', '330203********4321', '李四', '李*', NULL, NULL, 'moved_out', true, false, '\x02', now(), now());
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
            SELECT id, 'ZB0001000011', 'active', '2026-11-20', now() FROM outreach.readers WHERE resident_id = 'GL01-0000001';
            INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status, counts, message)
            VALUES ('sync', 'GL02', now() - interval '1 hour', now() - interval '59 minutes', 'refused', '{"would_withdraw": 41}',
                    'Roster for GL02 refused: it would withdraw 41 of 100 cards'),
                   ('sync', 'GL01', now() - interval '2 hours', now() - interval '119 minutes', 'succeeded',
                    '{"read": 300, "applied": 290, "unchanged": 0, "quarantined": 10, "warnings": 1}', 'Full snapshot');
            INSERT INTO outreach.sync_warnings (run_id, community, row_number, resident_id, warning)
            SELECT id, 'GL01', 7, 'GL01-0000007', 'phone dropped: not an 11-digit mobile number' FROM outreach.job_runs WHERE scope = 'GL01';
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            VALUES (1, 'GL03', 'residents_GL03_20261120.csv', 12, 'GL03-0000012', 'invalid_id_number', 'The ID number''s check character is wrong.',
                    'GL03-0000012,王*,330203********1234,<b>x</b>', now());
            INSERT INTO outreach.card_status_outbox (community, resident_id, card_number, status, issued_on, created_at, attempts, last_error)
            VALUES ('GL01', 'GL01-0000001', 'ZB0001000011', 'active', '2026-11-20', now(), 3, 'Community GL01: HTTP 500');
            """);
    }
}

public sealed class ReaderPagesTests(ReaderPagesFixture fixture) : IClassFixture<ReaderPagesFixture>
{
    [Fact]
    public async Task Sync_runs_show_counts_warnings_and_the_card_statuses_still_owed()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/sync");
        var warnings = await viewer.PageAsync("/sync?run=2");

        Assert.Contains("would withdraw 41 of 100 cards", page, StringComparison.Ordinal);
        Assert.Contains(">290<", page, StringComparison.Ordinal);
        Assert.Contains("Community GL01: HTTP 500", page, StringComparison.Ordinal);
        Assert.Contains("phone dropped", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("Approve withdrawals", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_approves_a_refused_roster_and_a_viewer_cannot()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);
        var runId = await fixture.ScalarAsync("SELECT id FROM outreach.job_runs WHERE status = 'refused'");

        var refused = await viewer.SubmitAsync("/sync", "/sync?handler=Approve", ("run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Approve withdrawals", await operatorClient.PageAsync("/sync"), StringComparison.Ordinal);

        var approved = await operatorClient.SubmitAsync("/sync", "/sync?handler=Approve", ("run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(approved.IsSuccessStatusCode || approved.StatusCode == HttpStatusCode.Redirect, approved.StatusCode.ToString());
        Assert.Equal(41, await fixture.ScalarAsync("SELECT withdrawals_allowed FROM outreach.sync_approvals WHERE community = 'GL02' AND used_by_run_id IS NULL"));
    }

    [Fact]
    public async Task Quarantined_rows_show_reason_and_masked_raw_text_encoded_and_operators_resolve_them()
    {
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);

        var page = await operatorClient.PageAsync("/quarantine?community=GL03");
        Assert.Contains("invalid_id_number", page, StringComparison.Ordinal);
        Assert.Contains("330203********1234", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", page, StringComparison.Ordinal);
        var id = await fixture.ScalarAsync("SELECT id FROM outreach.quarantine WHERE community = 'GL03'");

        await operatorClient.SubmitAsync("/quarantine", "/quarantine?handler=Resolve", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.quarantine WHERE resolved_at IS NULL"));
        Assert.Contains("resolved", await operatorClient.PageAsync("/quarantine?resolved=true"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZB0001000011")]
    [InlineData("zb0001000011")]
    [InlineData("张三丰")]
    [InlineData("GL01-0000001")]
    public async Task Readers_are_found_by_card_number_resident_id_or_name_and_shown_masked(string term)
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/readers?q=" + Uri.EscapeDataString(term));

        Assert.Contains("ZB0001000011", page, StringComparison.Ordinal);
        Assert.Contains("张*丰", page, StringComparison.Ordinal);
        Assert.Contains("138****5678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("zhang@example.cn", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Search_boxes_take_sql_and_html_metacharacters_as_plain_text(string term)
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/readers?q=" + Uri.EscapeDataString(term));

        Assert.Contains("No reader found", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_counts_open_quarantine_rows_and_failing_card_statuses()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/");

        Assert.Matches("id=\"card-status-failing\">1<", page);
        Assert.Contains("id=\"open-quarantine\">", page, StringComparison.Ordinal);
    }
}
