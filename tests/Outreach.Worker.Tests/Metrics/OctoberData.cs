using Outreach.Testing.Metrics;
using Outreach.Worker.Activity;

namespace Outreach.Worker.Tests.Metrics;

/// <summary>
/// The small fixed data set of October 2026 (Asia/Shanghai) the figures are computed from by hand in
/// <see cref="MonthlyFiguresTests"/>. Readers (card, community):
/// <list type="bullet">
/// <item>R1 Ann, ZB0000000011, GL01, issued 2026-09-01.</item>
/// <item>R2 Bo, ZB0000000022, issued in GL01 on 2026-08-10, moved GL01 → GL02 on 2026-10-15 12:00.</item>
/// <item>R3 Cy, ZB0000000033, GL02, issued 2026-10-05 (a new card in October).</item>
/// <item>R4 Di, ZB0000000044, GL01, issued 2026-06-01, withdrawn 2026-10-20 (a withdrawn card).</item>
/// <item>R5 Ed, ZB0000000055, GL02, issued 2026-11-02 (not a card holder in October).</item>
/// <item>R6 Fu, ZB0000000066, GL01, issued 2026-09-15, withdrawn 2026-09-20, reactivated 2026-10-03.</item>
/// </list>
/// Events: E1 for all communities 10-18, E2 GL02 10-25, E3 GL01 10-26 cancelled, E4 all 11-01 00:00, E5 GL01 10-31 23:30.
/// Seats: E1 (4 seats) Ann with a guest (checked in), Bo (no-show), Cy walked in, Fu waiting;
/// E2 (4 seats) Cy (checked in), Ed from the waitlist (no-show); E5 (3 seats) Fu (checked in), Ann cancelled; E3 and E4 Ann, Bo.
/// </summary>
public static class OctoberData
{
    public const string Ann = "ZB0000000011";
    public const string Bo = "ZB0000000022";
    public const string Cy = "ZB0000000033";
    public const string Di = "ZB0000000044";
    public const string Unknown = "ZB0000009999";

    public static Task SeedAsync(MetricsWorld world) => world.ExecuteAsync("""
        INSERT INTO outreach.readers (id, community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
        OVERRIDING SYSTEM VALUE VALUES
            (1, 'GL01', 'GL01-0000001', 'Ann', 'A*', 'ann@mail.example.cn', 'active', true, true, '\x01', '2026-08-01', '2026-08-01'),
            (2, 'GL02', 'GL02-0000002', 'Bo',  'B*', 'bo@mail.example.cn',  'active', true, true, '\x02', '2026-08-01', '2026-10-15'),
            (3, 'GL02', 'GL02-0000003', 'Cy',  'C*', 'cy@mail.example.cn',  'active', true, true, '\x03', '2026-10-05', '2026-10-05'),
            (4, 'GL01', 'GL01-0000004', 'Di',  'D*', 'di@mail.example.cn',  'moved_out', true, true, '\x04', '2026-06-01', '2026-10-20'),
            (5, 'GL02', 'GL02-0000005', 'Ed',  'E*', 'ed@mail.example.cn',  'active', true, true, '\x05', '2026-11-02', '2026-11-02'),
            (6, 'GL01', 'GL01-0000006', 'Fu',  'F*', 'fu@mail.example.cn',  'active', true, true, '\x06', '2026-09-15', '2026-10-03');
        INSERT INTO outreach.reader_moves (reader_id, from_community, from_resident_id, to_community, to_resident_id, run_id, moved_at)
        VALUES (2, 'GL01', 'GL01-0000002', 'GL02', 'GL02-0000002', 1, '2026-10-15 12:00+08');
        INSERT INTO outreach.cards (id, reader_id, card_number, status, issued_on, issued_community, withdrawn_on, updated_at)
        OVERRIDING SYSTEM VALUE VALUES
            (11, 1, 'ZB0000000011', 'active',    '2026-09-01', 'GL01', NULL, now()),
            (22, 2, 'ZB0000000022', 'active',    '2026-08-10', 'GL01', NULL, now()),
            (33, 3, 'ZB0000000033', 'active',    '2026-10-05', 'GL02', NULL, now()),
            (44, 4, 'ZB0000000044', 'withdrawn', '2026-06-01', 'GL01', '2026-10-20', now()),
            (55, 5, 'ZB0000000055', 'active',    '2026-11-02', 'GL02', NULL, now()),
            (66, 6, 'ZB0000000066', 'active',    '2026-09-15', 'GL01', NULL, now());
        INSERT INTO outreach.card_events (card_id, community, event, at, run_id) VALUES
            (44, 'GL01', 'withdrawn',   '2026-10-20 01:30+08', 2),
            (66, 'GL01', 'withdrawn',   '2026-09-20 01:30+08', 3),
            (66, 'GL01', 'reactivated', '2026-10-03 01:30+08', 4);

        INSERT INTO outreach.events (id, source, kind, title, starts_at, ends_at, communities, capacity, cancelled, created_at, updated_at)
        OVERRIDING SYSTEM VALUE VALUES
            (1, 'staff', 'lecture', 'E1 微讲堂',   '2026-10-18 14:00+08', '2026-10-18 16:00+08', '{}',       4, false, now(), now()),
            (2, 'staff', 'film',    'E2 影评沙龙', '2026-10-25 19:00+08', '2026-10-25 21:00+08', '{GL02}',   4, false, now(), now()),
            (3, 'staff', 'lecture', 'E3 cancelled', '2026-10-26 14:00+08', '2026-10-26 16:00+08', '{GL01}',  5, true,  now(), now()),
            (4, 'staff', 'festival','E4 November', '2026-11-01 00:00+08', '2026-11-01 02:00+08', '{}',       5, false, now(), now()),
            (5, 'staff', 'reading', 'E5 late',     '2026-10-31 23:30+08', '2026-10-31 23:59+08', '{GL01}',   3, false, now(), now());
        INSERT INTO outreach.seat_registrations (id, event_id, reader_id, guests, status, channel, offers, checked_in_at, queued_at, created_at, updated_at)
        OVERRIDING SYSTEM VALUE VALUES
            (1, 1, 1, 1, 'registered', 'digest',  0, '2026-10-18 14:05+08', now(), now(), now()),
            (2, 1, 2, 0, 'registered', 'public',  0, NULL,                  now(), now(), now()),
            (3, 1, 3, 0, 'registered', 'walk_in', 0, '2026-10-18 14:07+08', now(), now(), now()),
            (4, 1, 6, 0, 'waiting',    'digest',  0, NULL,                  now(), now(), now()),
            (5, 2, 3, 0, 'registered', 'digest',  0, '2026-10-25 19:02+08', now(), now(), now()),
            (6, 2, 5, 0, 'registered', 'digest',  1, NULL,                  now(), now(), now()),
            (7, 3, 1, 0, 'registered', 'digest',  0, NULL,                  now(), now(), now()),
            (8, 4, 2, 0, 'registered', 'digest',  0, NULL,                  now(), now(), now()),
            (9, 5, 6, 0, 'registered', 'staff',   0, '2026-10-31 23:31+08', now(), now(), now()),
            (10, 5, 1, 0, 'cancelled', 'digest',  0, NULL,                  now(), now(), now());
        INSERT INTO outreach.seat_notices (registration_id, kind, dedupe, created_at) VALUES
            (1, 'confirmed', '1', now()), (4, 'waiting', '1', now()), (6, 'waiting', '1', now()), (6, 'offered', '1', now()),
            (6, 'confirmed', '1', now());

        INSERT INTO outreach.digests (id, community, iso_week, window_start, window_end, subject, events, event_count, created_at)
        OVERRIDING SYSTEM VALUE VALUES
            (1, 'GL01', '2026-W42', '2026-10-16', '2026-10-30', 'Digest GL01', '[]', 0, '2026-10-16 08:00+08'),
            (2, 'GL02', '2026-W44', '2026-10-30', '2026-11-13', 'Digest GL02', '[]', 0, '2026-10-30 08:00+08');
        INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, claimed_at, sent_at, bounced_at, bounce_kind, skip_reason) VALUES
            (1, 1, 'sent',    '2026-10-16 09:00+08', '2026-10-16 09:00+08', NULL, NULL, NULL),
            (1, 4, 'sent',    '2026-10-16 09:00+08', '2026-10-16 09:00+08', '2026-10-17 10:00+08', 'hard', NULL),
            (1, 6, 'failed',  '2026-10-16 09:00+08', NULL, NULL, NULL, NULL),
            (2, 2, 'sent',    '2026-10-31 23:59+08', '2026-10-31 23:59:30+08', NULL, NULL, NULL),
            (2, 3, 'sent',    '2026-11-01 00:00+08', '2026-11-01 00:00:30+08', NULL, NULL, NULL),
            (2, 5, 'skipped', NULL, NULL, NULL, NULL, 'no e-mail opt-in');
        INSERT INTO outreach.mail_preferences (reader_id, unsubscribed_at, updated_at) VALUES
            (2, '2026-10-14 20:00+08', '2026-10-14 20:00+08'),
            (4, '2026-10-18 09:00+08', '2026-10-18 09:00+08'),
            (5, '2026-11-02 09:00+08', '2026-11-02 09:00+08');

        INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
            budget_month, deliver_kind, source, source_name, status, created_at, status_changed_at) VALUES
            ('BO-2026-000001', 1, 11, 'ZB0000000011', 'GL01', '9787020002207', 'O1', 2, 35.00, 'SOC-2026', '2026-09-01', 'library_desk', 'staff', 'test', 'delivered', '2026-09-28 10:00+08', '2026-10-03 15:00+08'),
            ('BO-2026-000002', 1, 11, 'ZB0000000011', 'GL01', '9787020002214', 'O2', 1, 50.00, 'SOC-2026', '2026-10-01', 'library_desk', 'staff', 'test', 'delivered', '2026-10-08 10:00+08', '2026-10-10 11:00+08'),
            ('BO-2026-000003', 3, 33, 'ZB0000000033', 'GL02', '9787020002221', 'O3', 1, 80.00, 'LIB-2026', '2026-10-01', 'library_desk', 'staff', 'test', 'delivered', '2026-10-20 10:00+08', '2026-10-31 23:50+08'),
            ('BO-2026-000004', 3, 33, 'ZB0000000033', 'GL02', '9787020002238', 'O4', 1, 20.00, 'LIB-2026', '2026-10-01', 'library_desk', 'staff', 'test', 'cancelled', '2026-10-25 10:00+08', '2026-10-27 10:00+08'),
            ('BO-2026-000005', 2, 22, 'ZB0000000022', 'GL02', '9787020002245', 'O5', 1, 30.00, 'SOC-2026', '2026-10-01', 'library_desk', 'staff', 'test', 'shipped',   '2026-10-30 10:00+08', '2026-11-02 10:00+08'),
            ('BO-2026-000006', 1, 11, 'ZB0000000011', 'GL01', '9787020002252', 'O6', 1, 40.00, 'SOC-2026', '2026-10-01', 'library_desk', 'staff', 'test', 'delivered', '2026-10-29 10:00+08', '2026-11-01 00:10+08');

        INSERT INTO outreach.quarantine (run_id, community, source, row_number, reason_code, reason_text, raw_masked, created_at) VALUES
            (5, 'GL01', 'residents_GL01.csv', 3, 'invalid_id_number', 'bad', 'row', '2026-10-05 01:30+08'),
            (6, 'GL02', 'residents_GL02.csv', 4, 'invalid_id_number', 'bad', 'row', '2026-10-31 23:59+08'),
            (7, 'GL02', 'residents_GL02.csv', 5, 'invalid_id_number', 'bad', 'row', '2026-11-01 00:00+08');
        INSERT INTO outreach.job_runs (job, scope, started_at, finished_at, status) VALUES
            ('sync',   'GL01', '2026-10-12 01:30+08', '2026-10-12 01:31+08', 'failed'),
            ('sync',   'GL02', '2026-10-13 01:30+08', '2026-10-13 01:31+08', 'refused'),
            ('digest', 'all',  '2026-10-20 09:00+08', '2026-10-20 09:05+08', 'failed'),
            ('sync',   'GL01', '2026-10-14 01:30+08', '2026-10-14 01:31+08', 'succeeded'),
            ('sync',   'GL01', '2026-09-30 23:59+08', '2026-10-01 00:01+08', 'failed');
        """);

    /// <summary>The systems' batches: the gate counter, the ILS, the e-resource proxy and the event sign-in, as they would send them.</summary>
    public static async Task SendActivityAsync(MetricsWorld world)
    {
        await world.SendAsync("gate",
            new("g1", Ann, "visit", "2026-10-01T00:00:00+08:00"),
            new("g2", Ann, "visit", "2026-09-30T23:59:00+08:00"),
            new("g3", Bo, "visit", "2026-10-10T10:00:00+08:00"),
            new("g4", Bo, "visit", "2026-10-20T10:00:00+08:00"),
            new("g5", Cy, "visit", "2026-10-31 23:59"),
            new("g6", Cy, "visit", "2026-10-31T16:00:00Z"),
            new("g7", Ann.ToLowerInvariant(), "到馆", "2026-10-31T15:59:00Z"),
            new("g8", Unknown, "visit", "2026-10-12T10:00:00+08:00"));
        await world.SendAsync("ils",
            new("l1", Ann, "loan", "2026-10-05T09:00:00+08:00"),
            new("l2", Ann, "loan", "2026-10-05T09:01:00+08:00"),
            new("l3", Di, "loan", "2026-10-25T10:00:00+08:00"),
            new("l4", Cy, "loan", "2026-10-31T23:59:59+08:00"),
            new("l5", Bo, "loan", "2026-10-12 08:00"));
        await world.SendAsync("eres", new ActivityRecord("e1", Bo, "eresource", "2026-10-16T20:00:00+08:00"));
        await world.SendAsync("signin",
            new("a1", Ann, "attendance", "2026-10-18T14:05:00+08:00", 1),
            new("a4", Cy, "attendance", "2026-10-18T14:07:00+08:00", 1));
        // The sign-in system sends its batch again, and a kiosk reports Ann's attendance at E1 under its own id.
        await world.SendAsync("signin",
            new("a1", Ann, "attendance", "2026-10-18T14:05:00+08:00", 1),
            new("a4", Cy, "attendance", "2026-10-18T14:07:00+08:00", 1));
        await world.SendAsync("kiosk", new ActivityRecord("k-17", Ann, "attendance", "2026-10-18T14:06:00+08:00", 1));
    }
}
