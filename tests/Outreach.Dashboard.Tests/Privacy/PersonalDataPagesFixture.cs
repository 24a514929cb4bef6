using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Audit;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Metrics;
using Outreach.Worker.Privacy;
using Outreach.Worker.Readers.Sync;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.CheckIn;

namespace Outreach.Dashboard.Tests.Privacy;

/// <summary>One resident of the test roster, with everything the community sent about them.</summary>
public sealed record TestResident(string ResidentId, string Name, string IdNumber, DateOnly BirthDate, string Phone, string Email, string Address)
{
    public string IdMasked => Outreach.Integrations.PersonalData.IdNumber.Mask(IdNumber);
}

/// <summary>
/// A hub whose GL03 roster went through the real sync: registered readers with cards, rows quarantined for a missing
/// name (a valid ID number whose hidden digits are the birth date), an unknown status that is a birth date, a bad
/// check character and a row with one field too many; an order, a digest whose relay refused an address, figures of
/// last month, and an erased reader with a receipt. Outside systems' replies carry the addresses they refused.
/// </summary>
public sealed class PersonalDataPagesFixture : DashboardFixture
{
    public const string PartnerKey = "portal-gl03-key-0123456789abcdef";
    public const string MetricsKey = "town-office-figures-key-0123456789";
    public const string EventsKey = "events-api-key-for-the-privacy-tests";

    private readonly string _dropFolder = Path.Combine(Path.GetTempPath(), "outreach-privacy-pages", Guid.NewGuid().ToString("N")[..8]);

    public IReadOnlyList<TestResident> Residents { get; } =
    [
        Resident("GL03-P001", "王芳华", new DateOnly(1946, 6, 24), "148", "13812345671", "wang.fanghua@mail.example.cn", "古林镇薛家路12号3幢"),
        Resident("GL03-P002", "李建国", new DateOnly(1958, 3, 12), "215", "13912345672", "li.jianguo@mail.example.cn", "古林镇布政路8号"),
        Resident("GL03-P003", "", new DateOnly(1972, 8, 15), "337", "15012345673", "missing.name@mail.example.cn", "古林镇西洋港路3号"),
        Resident("GL03-P004", "赵敏敏", new DateOnly(1983, 1, 9), "421", "15112345674", "zhao.minmin@mail.example.cn", "古林镇古林路118号"),
        Resident("GL03-P005", "钱多多", new DateOnly(1990, 5, 5), "563", "15212345675", "qian.duoduo@mail.example.cn", "古林镇蜃蛟路9号"),
        Resident("GL03-P006", "孙丽丽", new DateOnly(1965, 11, 20), "612", "15312345676", "sun.lili@mail.example.cn", "古林镇仲一路6号"),
        Resident("GL03-P007", "周慧敏", new DateOnly(1977, 7, 7), "777", "15412345677", "zhou.huimin@mail.example.cn", "古林镇石碶路77号"),
    ];

    public long RegisteredReader { get; private set; }

    public long ErasedReader { get; private set; }

    public string CardNumber { get; private set; } = "";

    public string OrderRef { get; private set; } = "";

    public long DigestId { get; private set; }

    public long SyncRunId { get; private set; }

    public string Month { get; private set; } = "";

    public string Token { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dropFolder);
        await base.InitializeAsync();
        await File.WriteAllTextAsync(Path.Combine(_dropFolder, "residents_GL03_20261120.csv"), Roster(), new UTF8Encoding(true));
        await Services.GetRequiredService<RosterSync>().RunAsync("GL03", CancellationToken.None);

        SyncRunId = await ScalarAsync("SELECT max(id) FROM outreach.job_runs WHERE job = 'sync'");
        RegisteredReader = await ScalarAsync("SELECT id FROM outreach.readers WHERE resident_id = 'GL03-P001'");
        CardNumber = (await DataSource.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = $1", RegisteredReader)).Single();
        var first = Residents[0];
        var second = Residents[1];
        OrderRef = (await DataSource.ListAsync($"""
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price, budget_code,
                budget_month, deliver_kind, source, source_name, external_ref, status, status_reason, last_push_error, created_at, status_changed_at)
            SELECT 'BO-2026-900001', r.id, c.id, c.card_number, 'GL03', '9787020002207', '红楼梦', 1, 30, 'SOC-2026', date_trunc('month', now()),
                   'library_desk', 'api', 'portal-gl03', 'req-1', 'failed', 'push failed',
                   'The bookstore answered 400: reader {first.Phone} {first.Email} unknown', now() - interval '40 days', now() - interval '40 days'
            FROM outreach.readers r JOIN outreach.cards c ON c.reader_id = r.id WHERE r.id = $1
            RETURNING order_ref
            """, RegisteredReader)).Single();
        await ExecuteAsync($"""
            INSERT INTO outreach.book_order_notices (order_id, kind, created_at, attempts, last_error)
            SELECT id, 'rejected', now(), 3, '550 5.1.1 <{first.Email}>: mailbox unavailable' FROM outreach.book_orders WHERE order_ref = $1
            """, OrderRef);
        DigestId = await ScalarAsync("""
            INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at)
            VALUES ('GL03', '2026-W47', now(), now() + interval '7 days', '古林镇活动周报', '[]', 0, now()) RETURNING id
            """);
        var secondReader = await ScalarAsync("SELECT id FROM outreach.readers WHERE resident_id = 'GL03-P002'");
        await ExecuteAsync($"""
            INSERT INTO outreach.digest_deliveries (digest_id, reader_id, status, address, claimed_at, smtp_reply, bounced_at, bounce_kind) VALUES
                ($1, $2, 'failed', '{first.Email}', now(), '550 5.1.1 <{first.Email}>: Recipient address rejected; call {first.Phone}', now(), 'hard'),
                ($1, $3, 'sending', '{second.Email}', now(), NULL, NULL, NULL)
            """, DigestId, RegisteredReader, secondReader);
        await ExecuteAsync($"""
            INSERT INTO outreach.mail_bounces (report_key, digest_id, reader_id, address, kind, status_code, diagnostic, received_at)
            VALUES ('dsn-1', $1, $2, '{first.Email}', 'hard', '5.1.1', 'smtp; 550 <{first.Email}> unknown', now())
            """, DigestId, RegisteredReader);
        await ExecuteAsync($"""
            UPDATE outreach.card_status_outbox SET attempts = 2, last_error = 'Community GL03: resident {first.IdNumber} {first.Phone} refused' WHERE resident_id = 'GL03-P001'
            """);

        var month = Services.GetRequiredService<MonthlyMetrics>().DefaultMonth();
        await Services.GetRequiredService<MonthlyMetrics>().RunAsync(month.ToString(), null, false, false, CancellationToken.None);
        Month = month.ToString();

        ErasedReader = await ScalarAsync("SELECT id FROM outreach.readers WHERE resident_id = 'GL03-P007'");
        var admin = new AuditActor(null, TestAccounts.Admin, null);
        await Services.GetRequiredService<PrivacyDesk>().EraseAsync(ErasedReader, admin, CancellationToken.None);
        Token = Services.GetRequiredService<DigestTokens>().ForReader(RegisteredReader);

        // A seat for the registered reader, checked in, so the seat pages and their export show them.
        SeatEventId = await ScalarAsync("""
            INSERT INTO outreach.events (source, kind, title, summary, venue, starts_at, ends_at, communities, capacity, created_at, updated_at)
            VALUES ('staff', 'lecture', '微讲堂', '', '报告厅', now() + interval '1 hour', now() + interval '3 hours', '{}', 20, now(), now())
            RETURNING id
            """);
        var seat = await Services.GetRequiredService<SeatBook>().RegisterAsync(SeatEventId, RegisteredReader, 0, SeatChannel.Digest, CancellationToken.None);
        CheckInToken = Services.GetRequiredService<DigestTokens>().ForCheckIn(seat.RegistrationId!.Value);
        await Services.GetRequiredService<SeatCheckIn>().ByCodeAsync(SeatEventId, CheckInToken, new AuditActor(null, "test", null), CancellationToken.None);
    }

    public long SeatEventId { get; private set; }

    public string CheckInToken { get; private set; } = "";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dropFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings["Outreach:Communities:GL03:Name"] = "西洋港社区";
        settings["Outreach:Communities:GL03:PopulationServed"] = "2000";
        settings["Outreach:Communities:GL03:Kind"] = "Csv";
        settings["Outreach:Communities:GL03:DropFolder"] = _dropFolder;
        settings["Outreach:Orders:Partners:portal-gl03:ApiKey"] = PartnerKey;
        settings["Outreach:Metrics:ApiKeys:town"] = MetricsKey;
        settings["Outreach:Digests:ApiKeys:website"] = EventsKey;
        settings["Outreach:Dashboard:PublicBaseUrl"] = "http://127.0.0.1:5997";
    }

    private static TestResident Resident(string residentId, string name, DateOnly birth, string sequence, string phone, string email, string address)
    {
        var body = "330203" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence;
        return new TestResident(residentId, name, body + IdNumber.CheckCharacter(body), birth, phone, email, address);
    }

    private string Roster()
    {
        string Row(TestResident r, string? status = null, string? id = null, string extra = "") => string.Join(',',
            r.ResidentId, r.Name, id ?? r.IdNumber, r.Phone, r.Email, r.Address, r.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            status ?? "active", "是", "是", "2026-11-19T08:00:00+08:00") + extra;

        var badCheck = Residents[4].IdNumber[..17] + (Residents[4].IdNumber[17] == '1' ? '2' : '1');
        return string.Join("\r\n",
            "resident_id,name,id_number,phone,email,address,birth_date,status,wants_library_card,email_opt_in,updated_at",
            Row(Residents[0]),
            Row(Residents[1]),
            Row(Residents[2]),
            Row(Residents[3], status: Residents[3].BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(Residents[4], id: badCheck),
            Row(Residents[5], extra: "," + Residents[5].IdNumber),
            Row(Residents[6])) + "\r\n";
    }
}
