using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Hosting;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Tests.Digests;

namespace Outreach.Worker.Tests.Seats;

/// <summary>
/// A hub on its own database with the sandbox's SMTP catcher (the digest tests' settings), a fake clock, readers in the
/// registry and events with seats inserted straight into their tables.
/// </summary>
public sealed class SeatsWorld : IAsyncDisposable
{
    private readonly HubHosts _hosts = new();

    private SeatsWorld(SandboxHost sandbox) => Sandbox = sandbox;

    public SandboxHost Sandbox { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

    public IHost Hub { get; private set; } = null!;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public T Get<T>() where T : notnull => Hub.Services.GetRequiredService<T>();

    public SeatBook Book => Get<SeatBook>();

    public static async Task<SeatsWorld> StartAsync(string purpose, Action<Dictionary<string, string?>>? configure = null)
    {
        var world = new SeatsWorld(await SandboxHost.StartAsync(new SandboxOptions()));
        world.ConnectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var settings = DigestWorld.Settings(world.ConnectionString, world.Sandbox.SmtpPort);
        configure?.Invoke(settings);
        world.Hub = await world._hosts.StartAsync(HostRole.Client, settings, services => services.AddSingleton<TimeProvider>(world.Clock));
        world.Db = NpgsqlDataSource.Create(world.ConnectionString);
        return world;
    }

    /// <summary>Readers s{first}..s{first+count-1}@mail.example.cn of GL01 (with cards); their ids in that order.</summary>
    public async Task<List<long>> ReadersAsync(int count, int first = 1, string community = "GL01")
    {
        await using var command = Db.CreateCommand("""
            WITH r AS (
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, phone, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
                SELECT $1, $1 || '-s' || lpad(i::text, 7, '0'), '座位读者' || i, '座*', '1380000' || lpad(i::text, 4, '0'),
                       's' || i || '@mail.example.cn', 'active', true, true, '\x01'::bytea, now(), now()
                FROM generate_series($2, $2 + $3 - 1) AS i
                RETURNING id),
            c AS (
                INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
                SELECT id, outreach.next_card_number(), 'active', current_date, now() FROM r)
            SELECT id FROM r ORDER BY id
            """);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(first);
        command.Parameters.AddWithValue(count);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>An event with <paramref name="capacity"/> seats starting <paramref name="startsIn"/> from the clock's now; its id.</summary>
    public async Task<long> EventAsync(int capacity, TimeSpan startsIn, string kind = "lecture", string title = "微讲堂：宁波老字号")
    {
        var start = Clock.GetUtcNow() + startsIn;
        await using var command = Db.CreateCommand("""
            INSERT INTO outreach.events (source, kind, title, summary, venue, starts_at, ends_at, communities, capacity, created_at, updated_at)
            VALUES ('staff', $1, $2, '老字号的故事', '图书馆报告厅', $3, $3 + interval '2 hours', '{}', $4, $5, $5)
            RETURNING id
            """);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(title);
        command.Parameters.AddWithValue(start);
        command.Parameters.AddWithValue(capacity);
        command.Parameters.AddWithValue(Clock.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Each reader's status at the event, in reader order.</summary>
    public async Task<List<string>> StatusesAsync(long eventId, IEnumerable<long> readers)
    {
        var statuses = new List<string>();
        foreach (var reader in readers)
        {
            statuses.Add((await Db.ListAsync(
                "SELECT coalesce((SELECT status FROM outreach.seat_registrations WHERE event_id = $1 AND reader_id = $2), 'none')", eventId, reader)).Single());
        }

        return statuses;
    }

    public Task<long> CountAsync(string sql, params object[] parameters) => Db.ScalarAsync(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await Db.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
