using Microsoft.Extensions.DependencyInjection;
using Outreach.Testing.Metrics;
using Outreach.Worker.Audit;
using Outreach.Worker.Privacy;
using Outreach.Worker.Tests.Metrics;

namespace Outreach.Worker.Tests.Privacy;

public sealed class RetentionTests
{
    private static readonly AuditActor Admin = new(1, "ada", null);

    [Fact]
    public async Task A_past_months_figures_recompute_to_the_same_values_after_retention_and_an_erasure_on_request()
    {
        await using var world = await MetricsWorld.StartAsync("retention_figures", configure: s => s["Outreach:Privacy:RetentionDays"] = "30");
        await OctoberData.SeedAsync(world);
        await OctoberData.SendActivityAsync(world);
        await world.RunMetricsAsync("2026-10", mail: false);
        var before = await FiguresAsync(world, "2026-10-01");

        // Two months on: Di (moved out, card withdrawn 2026-10-20) is past the retention period; Ann asks to be erased.
        world.Clock.Advance(TimeSpan.FromDays(60));
        await world.Get<RetentionJob>().RunAsync(CancellationToken.None);
        Assert.NotNull(await world.Get<PrivacyDesk>().EraseAsync(1, Admin, CancellationToken.None));
        await world.RunMetricsAsync("2026-10", mail: false);

        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE erased_at IS NOT NULL AND id IN (1, 4)"));
        Assert.Equal(2, await world.CountAsync("SELECT computations FROM outreach.metric_months WHERE month = '2026-10-01'"));
        Assert.Equal(before, await FiguresAsync(world, "2026-10-01"));
    }

    [Fact]
    public async Task Retention_erases_only_readers_past_the_period_and_no_one_twice_leaving_a_pseudonymous_row()
    {
        await using var world = await MetricsWorld.StartAsync("retention_erases", configure: s => s["Outreach:Privacy:RetentionDays"] = "30");
        await OctoberData.SeedAsync(world);
        await world.ExecuteAsync("""
            UPDATE outreach.readers SET id_hash = '\x44', id_masked = '330203********4321', phone = '13812345678', address = '古林镇薛家路1号',
                   birth_date = NULL WHERE id = 4;
            UPDATE outreach.digest_deliveries SET address = 'di@mail.example.cn', smtp_reply = '250 OK di@mail.example.cn' WHERE reader_id = 4;
            INSERT INTO outreach.mail_bounces (report_key, digest_id, reader_id, address, kind, received_at)
            VALUES ('r1', 1, 4, 'di@mail.example.cn', 'hard', '2026-10-17 10:00+08');
            INSERT INTO outreach.mail_suppressions (address, reason, suppressed_at) VALUES ('di@mail.example.cn', 'hard bounce', now());
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            VALUES (8, 'GL01', 'residents_GL01.csv', 9, 'GL01-0000004', 'unknown_status', 'bad', 'resident_id GL01-0000004 · name D*', now());
            """);
        // On 2026-11-10 Di's card (withdrawn 2026-10-20) is 21 days gone: kept. Ten days later it is 31: erased.
        await world.Get<RetentionJob>().RunAsync(CancellationToken.None);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.erasures"));

        world.Clock.Advance(TimeSpan.FromDays(10));
        await world.Get<RetentionJob>().RunAsync(CancellationToken.None);
        await world.Get<RetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.erasures WHERE reader_id = 4 AND reason = 'retention'"));
        Assert.Equal(1, await world.CountAsync("""
            SELECT count(*) FROM outreach.readers WHERE id = 4 AND name = '' AND id_hash IS NULL AND id_masked IS NULL AND phone IS NULL
              AND email IS NULL AND address IS NULL AND resident_id = 'erased-4' AND NOT email_opt_in AND community = 'GL01' AND status = 'moved_out'
            """));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.digest_deliveries WHERE reader_id = 4 AND (address IS NOT NULL OR smtp_reply IS NOT NULL)"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.mail_bounces WHERE reader_id = 4 AND address = ''"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.mail_suppressions"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.quarantine WHERE resident_id = 'erased-4' AND raw_masked = ''"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.mail_consents WHERE reader_id = 4 AND source = 'erasure' AND NOT subscribed"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE id <> 4 AND erased_at IS NOT NULL"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'retention_erased'"));
    }

    [Fact]
    public async Task The_access_file_holds_what_the_hub_keeps_with_why_and_each_download_is_audited()
    {
        await using var world = await MetricsWorld.StartAsync("retention_access");
        await OctoberData.SeedAsync(world);
        await OctoberData.SendActivityAsync(world);
        await world.ExecuteAsync("UPDATE outreach.readers SET phone = '13812345678', address = '古林镇古林路118号', id_masked = '330203********1234' WHERE id = 1");

        var (content, fileName) = (await world.Get<PrivacyDesk>().AccessFileAsync(1, Admin, CancellationToken.None))!.Value;
        var text = System.Text.Encoding.UTF8.GetString(content);
        using var json = System.Text.Json.JsonDocument.Parse(content);

        Assert.Equal("reader-1-20261110.json", fileName);
        var sections = json.RootElement.GetProperty("内容").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal(["reader", "card", "moves", "mail_choice", "mail_consent", "digests", "bounces", "orders", "activity", "quarantine", "staff_access", "erasure"],
            sections.Keys);
        Assert.All(sections.Values, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("用途").GetString())));
        var reader = sections["reader"].GetProperty("记录")[0];
        Assert.Equal("Ann", reader.GetProperty("name").GetString());
        Assert.Equal("13812345678", reader.GetProperty("phone").GetString());
        Assert.Equal("古林镇古林路118号", reader.GetProperty("address").GetString());
        Assert.Equal(3, sections["orders"].GetProperty("记录").GetArrayLength());
        Assert.True(sections["activity"].GetProperty("记录").GetArrayLength() >= 1);
        Assert.DoesNotContain("birth", text, StringComparison.Ordinal);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'reader_access_exported' AND target = 'reader:1'"));
    }

    private static async Task<string> FiguresAsync(MetricsWorld world, string month)
    {
        await using var command = world.Db.CreateCommand("""
            SELECT string_agg(community || '/' || indicator || '=' || coalesce(value::text, 'null'), ';' ORDER BY community, indicator)
            FROM outreach.metric_values WHERE month = $1::date
            """);
        command.Parameters.AddWithValue(month);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
