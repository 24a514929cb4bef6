using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Digests.Links;

namespace Outreach.Dashboard.Tests.Seats;

/// <summary>The dashboard with mail to the sandbox's SMTP catcher, readers with cards and phones, and events with seats.</summary>
public sealed class SeatsDashboardFixture : DashboardFixture
{
    public const int PublicAttemptsPerMinute = 6;

    public SandboxHost Sandbox { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public DigestTokens Tokens => Get<DigestTokens>();

    /// <summary>A GL01 reader with an active card and the phone 1380000{serial:0000}; (reader id, card number).</summary>
    public async Task<(long Reader, string Card)> ReaderAsync(int serial)
    {
        var reader = await ScalarAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, phone, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            VALUES ('GL01', $1, '座位读者', '座*', $2, $3, 'active', true, true, '\x01'::bytea, now(), now())
            RETURNING id
            """, string.Create(CultureInfo.InvariantCulture, $"GL01-seat-{serial}"), string.Create(CultureInfo.InvariantCulture, $"1380000{serial:0000}"),
            string.Create(CultureInfo.InvariantCulture, $"seat{serial}@mail.example.cn"));
        var card = (await DataSource.ListAsync("""
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
            VALUES ($1, outreach.next_card_number(), 'active', current_date, now()) RETURNING card_number
            """, reader)).Single();
        return (reader, card);
    }

    /// <summary>An event in three days with <paramref name="capacity"/> seats; its id.</summary>
    public Task<long> EventAsync(int capacity, string title = "影评沙龙：城南旧事") => ScalarAsync("""
        INSERT INTO outreach.events (source, kind, title, summary, venue, starts_at, ends_at, communities, capacity, created_at, updated_at)
        VALUES ('staff', 'film_salon', $1, '一起看电影', '图书馆报告厅', now() + interval '3 days', now() + interval '3 days 2 hours', '{}', $2, now(), now())
        RETURNING id
        """, title, capacity);

    public Task<long> SeatsHeldAsync(long eventId) =>
        ScalarAsync("SELECT coalesce((SELECT held FROM outreach.event_seats WHERE event_id = $1), 0)", eventId);

    public async Task<string> StatusAsync(long eventId, long reader) => (await DataSource.ListAsync(
        "SELECT coalesce((SELECT status FROM outreach.seat_registrations WHERE event_id = $1 AND reader_id = $2), 'none')", eventId, reader)).Single();

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings["Outreach:Communities:GL01:Name"] = "古林社区";
        settings["Outreach:Communities:GL01:PopulationServed"] = "1000";
        settings["Outreach:Communities:GL01:Kind"] = "Csv";
        settings["Outreach:Communities:GL01:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-dashboard-seats", "GL01");
        settings["Outreach:Mail:Host"] = "127.0.0.1";
        settings["Outreach:Mail:Port"] = Sandbox.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Mail:Security"] = "None";
        settings["Outreach:Mail:From"] = "library@lib.example.cn";
        settings["Outreach:Mail:MessagesPerSecond"] = "0";
        settings["Outreach:Dashboard:PublicBaseUrl"] = "http://127.0.0.1:5997";
        settings["Outreach:Seats:MaxGuests"] = "2";
        settings["Outreach:Seats:PublicAttemptsPerMinute"] = PublicAttemptsPerMinute.ToString(CultureInfo.InvariantCulture);
    }
}
