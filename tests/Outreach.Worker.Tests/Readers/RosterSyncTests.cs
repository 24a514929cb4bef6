using Outreach.Sandbox.Faults;
using Outreach.Testing;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Readers;

public sealed class RosterSyncTests
{
    private static readonly DateOnly Nov20 = new(2026, 11, 20);

    [Fact]
    public async Task A_first_full_csv_sync_applies_the_good_rows_and_quarantines_the_sample_bad_rows_with_their_reasons()
    {
        await using var world = await SyncWorld.StartAsync("csv_first");
        world.Drop("GL03", SyncWorld.TestData("residents_GL03_20261120.csv"), Nov20);

        var counts = await world.SyncAsync("GL03");

        Assert.Equal(1200, counts["read"]);
        Assert.Equal(23, counts["quarantined"]);
        Assert.Equal(counts["read"], counts["applied"] + counts["unchanged"] + counts["quarantined"]);
        Assert.Equal(1177, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL03'"));
        var expected = File.ReadAllLines(SyncWorld.TestData("residents_GL03_20261120.bad.txt"))
            .Select(l => l.Split(' '))
            .Where(p => p[2] is not ("bad_phone" or "bad_email"))
            .ToDictionary(p => p[1], p => p[2] switch
            {
                "bad_id_checksum" => "invalid_id_number",
                "bad_birth_date" => "invalid_birth_date",
                "missing_name" => "missing_name",
                "unknown_status" => "unknown_status",
                var other => other,
            });
        var quarantined = await world.ListAsync("SELECT resident_id || ' ' || reason_code FROM outreach.quarantine WHERE community = 'GL03' ORDER BY 1");
        Assert.Equal(expected.Select(e => $"{e.Key} {e.Value}").Order(StringComparer.Ordinal), quarantined);
        Assert.Equal(9, counts["warnings"]);
        // Kept as codes of the catalog, rendered in the reader's language; no English text is stored with them.
        Assert.Equal(["Sync.Warning.EmailDropped", "Sync.Warning.PhoneDropped"],
            await world.ListAsync("SELECT DISTINCT warning_code FROM outreach.sync_warnings WHERE community = 'GL03' AND warning IS NULL ORDER BY 1"));
        Assert.Equal(9, await world.CountAsync("SELECT count(*) FROM outreach.sync_warnings WHERE community = 'GL03'"));
        Assert.Equal(await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL03' AND status = 'active' AND wants_card"),
            counts["cards_issued"]);
        Assert.True(File.Exists(Path.Combine(world.DropRoot, "GL03", "processed", "residents_GL03_20261120.csv")));
    }

    [Fact]
    public async Task A_roster_that_repeats_a_resident_or_an_id_number_quarantines_the_later_rows()
    {
        await using var world = await SyncWorld.StartAsync("csv_duplicates");
        var first = SimResidents.IdNumber(1);
        var second = SimResidents.IdNumber(2);
        var file = Path.Combine(world.DropRoot, "GL03", "residents_GL03_20261120.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n",
            "resident_id,name,id_number,status,wants_library_card",
            $"GL03-1,张一,{first},active,true",
            $"GL03-1,张一,{first},active,true",
            $"GL03-2,李二,{first},active,true",
            $"GL03-3,王三,{second},active,true") + "\r\n");

        var counts = await world.SyncAsync("GL03");

        Assert.Equal(4, counts["read"]);
        Assert.Equal(2, counts["applied"]);
        Assert.Equal(["duplicate_id_number", "duplicate_resident_id"],
            await world.ListAsync("SELECT reason_code FROM outreach.quarantine ORDER BY reason_code"));
    }

    [Fact]
    public async Task Quarantined_rows_keep_no_readable_personal_data()
    {
        await using var world = await SyncWorld.StartAsync("csv_masked");
        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20);

        await world.SyncAsync("GL04");

        var raws = await world.ListAsync("SELECT raw_masked FROM outreach.quarantine");
        Assert.Equal(16, raws.Count);
        Assert.DoesNotContain(raws, r => System.Text.RegularExpressions.Regex.IsMatch(r, "[0-9]{17}[0-9X]|1[3-9][0-9]{9}"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE id_masked IS NOT NULL AND id_masked NOT LIKE '%********%'"));
        // Nothing that rebuilds a masked ID number or names the person: no birth date (the mask's hidden digits), no full
        // name, no address, in any row of the file.
        var residents = File.ReadAllLines(SyncWorld.TestData("residents_GL04_20261120.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var (name, address, birthDate) in residents.Select(f => (f[1], f[5], f[6])))
        {
            Assert.DoesNotContain(raws, r =>
                (name.Length > 1 && r.Contains(name, StringComparison.Ordinal)) || (address.Length > 0 && r.Contains(address, StringComparison.Ordinal))
                || (birthDate.Length >= 8 && (r.Contains(birthDate, StringComparison.Ordinal) || r.Contains(birthDate.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal))));
        }

        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE birth_date IS NOT NULL"));
    }

    [Fact]
    public async Task The_consent_record_keeps_what_each_roster_said_about_mail_and_when_it_changed()
    {
        await using var world = await SyncWorld.StartAsync("csv_consent");
        var lines = await File.ReadAllLinesAsync(SyncWorld.TestData("residents_GL04_20261120.csv"));
        var file = Path.Combine(world.DropRoot, "GL04", "residents_GL04_20261120.csv");
        await File.WriteAllLinesAsync(file, lines);
        await world.SyncAsync("GL04");
        var optedIn = await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE email_opt_in");
        Assert.True(optedIn > 0);
        Assert.Equal(optedIn, await world.CountAsync(
            "SELECT count(*) FROM outreach.mail_consents c JOIN outreach.readers r ON r.id = c.reader_id AND r.last_run_id = c.run_id WHERE c.source = 'roster' AND c.subscribed AND c.community = 'GL04'"));

        // The first resident withdraws consent at the source; nothing else changes.
        var first = lines[1].Split(',');
        Assert.Equal("true", first[9]);
        first[9] = "false";
        lines[1] = string.Join(',', first);
        await File.WriteAllLinesAsync(Path.Combine(world.DropRoot, "GL04", "residents_GL04_20261121.csv"), lines);
        await world.SyncAsync("GL04");

        Assert.Equal(optedIn + 1, await world.CountAsync("SELECT count(*) FROM outreach.mail_consents"));
        Assert.Equal(1, await world.CountAsync(
            "SELECT count(*) FROM outreach.mail_consents c JOIN outreach.readers r ON r.id = c.reader_id WHERE r.resident_id = $1 AND NOT c.subscribed AND c.run_id = r.last_run_id",
            first[0]));
    }

    [Fact]
    public async Task The_same_snapshot_again_changes_nothing_and_counts_every_row_unchanged()
    {
        await using var world = await SyncWorld.StartAsync("csv_again");
        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20);
        var first = await world.SyncAsync("GL04");
        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20.AddDays(1));

        var second = await world.SyncAsync("GL04");

        Assert.Equal(0, second["applied"]);
        Assert.Equal(first["applied"], second["unchanged"]);
        Assert.Equal(0, second["cards_issued"] + second["withdrawn"]);
        Assert.Equal(first["cards_issued"], await world.CountAsync("SELECT count(*) FROM outreach.cards"));
    }

    [Fact]
    public async Task A_big_nightly_snapshot_updates_inserts_and_withdraws_only_the_residents_it_changed()
    {
        // 12,000 residents: a roster big enough for the applier's statistics steps (analysed staging and registry), with a
        // hundredth changed, so that the changed readers are updated by primary key.
        await using var world = await SyncWorld.StartAsync("csv_big_nightly");
        var residents = SimResidents.Range("GL04", 1, 12_000);
        world.Sandbox.Communities.SeedCsv("GL04", residents);
        world.Sandbox.Communities.WriteCsvDrop("GL04", Path.Combine(world.DropRoot, "GL04"), Nov20);
        var first = await world.SyncAsync("GL04");
        Assert.Equal(12_000, first["inserted"]);

        for (var i = 0; i < 120; i++)
        {
            world.Sandbox.Communities.Upsert("GL04", residents[i * 100] with { Address = $"古林镇新建路{i}号" });
        }

        world.Sandbox.Communities.Upsert("GL04", SimResidents.Make("GL04", 20_001));
        Assert.True(world.Sandbox.Communities.Remove("GL04", residents[11_999].ResidentId));
        world.Sandbox.Communities.WriteCsvDrop("GL04", Path.Combine(world.DropRoot, "GL04"), Nov20.AddDays(1));
        var second = await world.SyncAsync("GL04");

        Assert.Equal(12_000, second["read"]);
        Assert.Equal(120, second["updated"]);
        Assert.Equal(1, second["inserted"]);
        Assert.Equal(1, second["missing"]);
        Assert.Equal(12_000 - 121, second["unchanged"]);
        Assert.Equal(120, await world.CountAsync(
            "SELECT count(*) FROM outreach.readers WHERE community = 'GL04' AND address LIKE '古林镇新建路%' AND last_run_id = (SELECT max(id) FROM outreach.job_runs)"));
        // The residents left as they were, and the new one, active at the old address; the one no longer listed withdrawn.
        Assert.Equal(12_000 - 120 - 1 + 1, await world.CountAsync(
            "SELECT count(*) FROM outreach.readers WHERE community = 'GL04' AND address = '古林镇测试路1号' AND status = 'active'"));
        Assert.Equal(["withdrawn"], await world.ListAsync("SELECT status FROM outreach.readers WHERE resident_id = $1", residents[11_999].ResidentId));
    }

    [Fact]
    public async Task A_rest_community_syncs_a_full_snapshot_then_only_the_changes_since_the_stored_cursor()
    {
        await using var world = await SyncWorld.StartAsync("rest_incremental");
        world.SeedRest("GL01", SyncWorld.Gl01Sample());
        var first = await world.SyncAsync("GL01");
        Assert.Equal(300, first["read"]);
        Assert.NotNull((await world.ListAsync("SELECT cursor FROM outreach.sync_state WHERE community = 'GL01'")).Single());

        var changed = world.Sandbox.Communities.Get("GL01", "GL01-0000002")! with { Address = "古林镇新地址9号" };
        world.Sandbox.Communities.Upsert("GL01", changed);
        world.Sandbox.Communities.Upsert("GL01", SimResidents.Make("GL01", 9001));
        var second = await world.SyncAsync("GL01");

        Assert.Equal(2, second["read"]);
        Assert.Equal(2, second["applied"]);
        Assert.Equal(1, second["inserted"]);
        Assert.Equal(0, second["missing"]);
        Assert.Equal(first["applied"] + 1, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE community = 'GL01'"));
    }

    [Fact]
    public async Task A_resident_who_moves_to_another_community_keeps_one_reader_record_and_card()
    {
        await using var world = await SyncWorld.StartAsync("move");
        var mover = SimResidents.Make("GL01", 42);
        world.SeedRest("GL01", [mover, .. SimResidents.Range("GL01", 100, 20)]);
        world.SeedRest("GL02", SimResidents.Range("GL02", 200, 20));
        await world.SyncAsync("GL01");
        await world.SyncAsync("GL02");
        var readerId = await world.CountAsync("SELECT id FROM outreach.readers WHERE community = 'GL01' AND resident_id = 'GL01-0000042'");
        var card = (await world.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = $1", readerId)).Single();

        // GL02 now lists the same person (same ID number) under its own key; GL01 marks them moved out.
        world.Sandbox.Communities.Upsert("GL02", mover with { ResidentId = "GL02-0000777", UpdatedAt = "" });
        var moved = await world.SyncAsync("GL02");
        world.Sandbox.Communities.Upsert("GL01", mover with { Status = "moved_out", UpdatedAt = "" });
        var stale = await world.SyncAsync("GL01");

        Assert.Equal(1, moved["moved"]);
        Assert.Equal(0, stale["quarantined"]);
        Assert.Equal(readerId, await world.CountAsync("SELECT id FROM outreach.readers WHERE community = 'GL02' AND resident_id = 'GL02-0000777'"));
        Assert.Equal(41, await world.CountAsync("SELECT count(*) FROM outreach.readers"));
        Assert.Equal([card], await world.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = $1 AND status = 'active'", readerId));
        Assert.Equal(["GL01>GL02"], await world.ListAsync("SELECT from_community || '>' || to_community FROM outreach.reader_moves WHERE reader_id = $1", readerId));
    }

    [Fact]
    public async Task A_resident_who_moved_out_or_died_has_the_card_withdrawn_but_never_deleted()
    {
        await using var world = await SyncWorld.StartAsync("withdraw");
        var residents = SimResidents.Range("GL01", 1, 30);
        world.SeedRest("GL01", residents);
        await world.SyncAsync("GL01");
        world.Sandbox.Communities.Upsert("GL01", residents[0] with { Status = "deceased", UpdatedAt = "" });
        world.Sandbox.Communities.Upsert("GL01", residents[1] with { Status = "moved_out", UpdatedAt = "" });

        var counts = await world.SyncAsync("GL01");

        Assert.Equal(2, counts["withdrawn"]);
        Assert.Equal(30, await world.CountAsync("SELECT count(*) FROM outreach.cards"));
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'withdrawn' AND withdrawn_on IS NOT NULL"));
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.card_events WHERE event = 'withdrawn'"));
    }

    [Fact]
    public async Task A_truncated_snapshot_is_refused_whole_until_staff_approve_it()
    {
        await using var world = await SyncWorld.StartAsync("truncated");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 100));
        await world.SyncAsync("GL01");
        await world.ExecuteAsync("DELETE FROM outreach.sync_state");
        var before = await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'active'");
        world.Sandbox.Faults.Add(FaultRule.TruncatedSnapshot(50, "GL01"));

        var refusal = await Assert.ThrowsAsync<PermanentJobFailureException>(() => world.SyncAsync("GL01"));

        Assert.Contains("would withdraw 50 of 100 cards", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'active'"));
        var runId = await world.CountAsync("SELECT id FROM outreach.job_runs WHERE job = 'sync' AND status = 'refused'");

        Assert.True(await world.ApproveAsync(runId));
        world.Sandbox.Faults.Add(FaultRule.TruncatedSnapshot(50, "GL01"));
        var approved = await world.SyncAsync("GL01");

        Assert.Equal(50, approved["withdrawn"]);
        Assert.Equal(50, await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'active'"));
    }

    [Fact]
    public async Task Changes_since_the_last_run_that_would_withdraw_too_many_cards_are_refused_whole_until_staff_approve_them()
    {
        await using var world = await SyncWorld.StartAsync("incremental_guard");
        var residents = SimResidents.Range("GL01", 1, 100);
        world.SeedRest("GL01", residents);
        await world.SyncAsync("GL01");
        var holders = await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'active'");
        var cursor = (await world.ListAsync("SELECT cursor FROM outreach.sync_state WHERE community = 'GL01'")).Single();
        // The community's system marks 40% of the card holders moved out in one night: only the changes come.
        var leaving = residents.Take((int)(holders * 4 / 10)).ToList();
        foreach (var resident in leaving)
        {
            world.Sandbox.Communities.Upsert("GL01", resident with { Status = "moved_out", UpdatedAt = "" });
        }

        var refusal = await Assert.ThrowsAsync<PermanentJobFailureException>(() => world.SyncAsync("GL01"));

        Assert.Contains($"the changes since the last run would withdraw {leaving.Count} of {holders} cards", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Outreach:Communities:GL01:MaxWithdrawalShare", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(holders, await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'active'"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE status <> 'active'"));
        Assert.Equal([cursor], await world.ListAsync("SELECT cursor FROM outreach.sync_state WHERE community = 'GL01'"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE status = 'withdrawn'"));
        var runId = await world.CountAsync("SELECT id FROM outreach.job_runs WHERE job = 'sync' AND status = 'refused'");
        Assert.Equal(leaving.Count, await world.CountAsync("SELECT (counts ->> 'would_withdraw')::bigint FROM outreach.job_runs WHERE id = $1", runId));

        Assert.True(await world.ApproveAsync(runId));
        var approved = await world.SyncAsync("GL01");

        Assert.Equal(leaving.Count, approved["read"]);
        Assert.Equal(leaving.Count, approved["withdrawn"]);
        Assert.Equal(holders - leaving.Count, await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE status = 'active'"));
        Assert.Equal(leaving.Count, await world.CountAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE status = 'withdrawn' AND sent_at IS NULL"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.sync_approvals WHERE used_by_run_id IS NOT NULL"));
    }

    [Fact]
    public async Task A_run_cancelled_half_way_changes_nothing_and_the_next_run_applies_every_row_once()
    {
        await using var world = await SyncWorld.StartAsync("cancelled");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 500));
        world.Sandbox.Faults.Add(FaultRule.Delay(TimeSpan.FromSeconds(30), "GL01"));
        using var cancel = new CancellationTokenSource();
        var run = world.SyncAsync("GL01", cancel.Token);
        await Eventually.HoldsAsync(() => world.CountAsync("SELECT count(*) FROM outreach.job_runs WHERE status = 'running'"), n => n == 1,
            TimeSpan.FromSeconds(10), "the run never started");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers"));
        world.Sandbox.Faults.Clear();

        var counts = await world.SyncAsync("GL01");

        Assert.Equal(500, counts["applied"]);
        Assert.Equal(500, await world.CountAsync("SELECT count(*) FROM outreach.readers"));
        Assert.Equal(500, await world.CountAsync("SELECT count(*) FROM outreach.cards"));
        Assert.Equal(["failed", "succeeded"], await world.ListAsync("SELECT status FROM outreach.job_runs WHERE job = 'sync' ORDER BY id"));
    }

    [Fact]
    public async Task Server_errors_and_throttling_are_retried_and_the_sync_completes()
    {
        await using var world = await SyncWorld.StartAsync("transient");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 250));
        world.Sandbox.Faults.Add(FaultRule.ServerError(2, "GL01"));
        world.Sandbox.Faults.Add(FaultRule.TooManyRequests(1, retryAfterSeconds: 1, "GL01"));

        var counts = await world.SyncAsync("GL01");

        Assert.Equal(250, counts["applied"]);
    }

    [Fact]
    public async Task A_rejected_token_fails_at_once_with_a_message_naming_the_setting()
    {
        await using var world = await SyncWorld.StartAsync("bad_token");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 10));
        world.Sandbox.Faults.Add(FaultRule.BadToken("GL01"));
        var timer = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<PermanentJobFailureException>(() => world.SyncAsync("GL01"));

        Assert.Contains("Outreach:Communities:GL01:Token", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox-GL01", failure.Message, StringComparison.Ordinal);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(["failed"], await world.ListAsync("SELECT status FROM outreach.job_runs WHERE job = 'sync'"));
    }

    [Fact]
    public async Task Two_syncs_of_one_community_at_once_apply_each_row_once()
    {
        await using var world = await SyncWorld.StartAsync("concurrent");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 300));

        var runs = await Task.WhenAll(world.SyncAsync("GL01"), world.SyncAsync("GL01"));

        Assert.Equal(300, runs.Sum(r => r["applied"]));
        Assert.Equal(300, await world.CountAsync("SELECT count(*) FROM outreach.cards"));
    }

    [Fact]
    public async Task Card_statuses_go_back_to_a_rest_community_once_and_to_a_csv_community_as_an_excel_ready_file()
    {
        await using var world = await SyncWorld.StartAsync("push");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 40));
        await world.SyncAsync("GL01");
        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20);
        await world.SyncAsync("GL04");

        await world.PushCardsAsync("GL01");
        await world.PushCardsAsync("GL01");
        await world.PushCardsAsync("GL04");

        Assert.Equal(40, world.Sandbox.Communities.CardUpdates("GL01").TotalRequests);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE sent_at IS NULL"));
        var outbox = Directory.GetFiles(Path.Combine(world.DropRoot, "GL04", "outbox"), "cards_GL04_*.csv").Single();
        var bytes = await File.ReadAllBytesAsync(outbox);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(await world.CountAsync("SELECT count(*) FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id WHERE r.community = 'GL04'") + 1,
            File.ReadAllLines(outbox).Length);
    }

    [Fact]
    public async Task A_card_push_that_fails_keeps_the_entries_pending_with_the_error_and_fails_the_job()
    {
        await using var world = await SyncWorld.StartAsync("push_fail",
            settings => settings["Outreach:Resilience:CircuitBreakerBreakDuration"] = "00:00:00.500");
        world.SeedRest("GL01", SimResidents.Range("GL01", 1, 5));
        await world.SyncAsync("GL01");
        world.Sandbox.Faults.Add(FaultRule.ServerError(1000, "GL01"));

        await Assert.ThrowsAnyAsync<Exception>(() => world.PushCardsAsync("GL01"));

        Assert.Equal(5, await world.CountAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE sent_at IS NULL AND attempts = 1 AND last_error IS NOT NULL"));
        world.Sandbox.Faults.Clear();

        // Hangfire's retry, once the community's system is back and the circuit closes again.
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await world.PushCardsAsync("GL01");
            }
            catch (InvalidOperationException)
            {
            }

            return await world.CountAsync("SELECT count(*) FROM outreach.card_status_outbox WHERE sent_at IS NULL");
        }, pending => pending == 0, TimeSpan.FromSeconds(15), "card statuses were never sent");
        Assert.Equal(5, world.Sandbox.Communities.CardUpdates("GL01").TotalRequests);
    }
}
