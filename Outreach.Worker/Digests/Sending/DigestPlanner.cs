using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests.Sending;

/// <summary>
/// Decides what a community's digest of a week says: the events of the next days (from the week's Monday, or from now
/// when that has passed), frozen with the digest the first time it has events, so that reruns and retries send the
/// same content. Also builds a preview that freezes nothing.
/// </summary>
public sealed class DigestPlanner(
    NpgsqlDataSource dataSource,
    EventStore events,
    DigestTemplate template,
    LibraryCalendar calendar,
    IOptionsMonitor<CommunitiesOptions> communities,
    IOptions<DigestOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string CommunityName(string code) =>
        communities.CurrentValue.Communities.TryGetValue(code, out var community) ? community.Name : code;

    /// <summary>The community's code as configured; a permanent failure when it is not configured.</summary>
    public string RequireCommunity(string code) =>
        communities.CurrentValue.Communities.TryGetValue(code, out var community)
            ? (string.IsNullOrEmpty(community.Code) ? code.ToUpperInvariant() : community.Code)
            : throw new PermanentJobFailureException($"Community {code} is not configured (Outreach:Communities:{code}).");

    /// <summary>What the digest would say if it were prepared now; nothing is stored.</summary>
    public async Task<DigestContent> PreviewAsync(string community, IsoWeek week, CancellationToken cancellationToken)
    {
        var (from, to) = Window(week);
        var found = await events.ForCommunityAsync(community, from, to, cancellationToken);
        return new DigestContent(0, community, CommunityName(community), week, template.Subject(CommunityName(community), week), from, to,
            found.Select(DigestEvent.From).ToList());
    }

    /// <summary>The stored digest of the week, prepared now when it does not exist yet or had no events before.</summary>
    public async Task<DigestContent> PrepareAsync(string community, IsoWeek week, long runId, CancellationToken cancellationToken)
    {
        var existing = await LoadAsync(community, week, cancellationToken);
        if (existing is { Events.Count: > 0 })
        {
            await TouchAsync(existing.DigestId, runId, cancellationToken);
            return existing;
        }

        var fresh = await PreviewAsync(community, week, cancellationToken);
        const string sql = """
            INSERT INTO outreach.digests (community, iso_week, window_start, window_end, subject, events, event_count, created_at, last_run_id, last_run_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8)
            ON CONFLICT (community, iso_week) DO UPDATE SET window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
                subject = EXCLUDED.subject, events = EXCLUDED.events, event_count = EXCLUDED.event_count,
                last_run_id = EXCLUDED.last_run_id, last_run_at = EXCLUDED.last_run_at
            WHERE outreach.digests.event_count = 0
            RETURNING id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(week.ToString());
        command.Parameters.AddWithValue(fresh.WindowStart.ToUniversalTime());
        command.Parameters.AddWithValue(fresh.WindowEnd.ToUniversalTime());
        command.Parameters.AddWithValue(fresh.Subject);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Jsonb, JsonSerializer.Serialize(fresh.Events, Json));
        command.Parameters.AddWithValue(fresh.Events.Count);
        command.Parameters.AddWithValue(calendar.Now);
        command.Parameters.AddWithValue(runId);
        var id = await command.ExecuteScalarAsync(cancellationToken);
        // Null: another run froze events in between; its content wins.
        return id is long digestId ? fresh with { DigestId = digestId } : (await LoadAsync(community, week, cancellationToken))!;
    }

    public async Task<DigestContent?> LoadAsync(long digestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, community, iso_week, subject, window_start, window_end, events FROM outreach.digests WHERE id = $1");
        command.Parameters.AddWithValue(digestId);
        return await ReadAsync(command, cancellationToken);
    }

    private async Task<DigestContent?> LoadAsync(string community, IsoWeek week, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, community, iso_week, subject, window_start, window_end, events FROM outreach.digests WHERE community = $1 AND iso_week = $2");
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(week.ToString());
        return await ReadAsync(command, cancellationToken);
    }

    private async Task<DigestContent?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;

        if (!IsoWeek.TryParse(reader.GetString(2), out var week))
            throw new InvalidOperationException($"Digest {reader.GetInt64(0)} has no ISO week.");
        var community = reader.GetString(1);
        return new DigestContent(reader.GetInt64(0), community, CommunityName(community), week, reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
            JsonSerializer.Deserialize<List<DigestEvent>>(reader.GetString(6), Json) ?? []);
    }

    private async Task TouchAsync(long digestId, long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE outreach.digests SET last_run_id = $2, last_run_at = $3 WHERE id = $1");
        command.Parameters.AddWithValue(digestId);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(calendar.Now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The next HorizonDays days from the week's Monday, or from now when the week has begun.
    private (DateTimeOffset From, DateTimeOffset To) Window(IsoWeek week)
    {
        var monday = calendar.StartOf(week.Monday);
        var from = monday > calendar.Now ? monday : calendar.Now;
        return (from, from.AddDays(options.Value.HorizonDays));
    }
}
