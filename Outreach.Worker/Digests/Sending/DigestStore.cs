using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Digests.Content;

namespace Outreach.Worker.Digests.Sending;

/// <summary>outreach.digests in PostgreSQL: a week's content as JSON, frozen once it has events.</summary>
public sealed class DigestStore(NpgsqlDataSource dataSource, LibraryCalendar calendar, IOptionsMonitor<CommunityCatalogOptions> communities) : IDigestStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DigestContent?> LoadAsync(string community, IsoWeek week, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, community, iso_week, subject, window_start, window_end, events FROM outreach.digests WHERE community = $1 AND iso_week = $2");
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(week.ToString());
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<DigestContent?> LoadAsync(long digestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, community, iso_week, subject, window_start, window_end, events FROM outreach.digests WHERE id = $1");
        command.Parameters.AddWithValue(digestId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<long?> FreezeAsync(DigestContent content, long runId, CancellationToken cancellationToken)
    {
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
        command.Parameters.AddWithValue(content.Community);
        command.Parameters.AddWithValue(content.Week.ToString());
        command.Parameters.AddWithValue(content.WindowStart.ToUniversalTime());
        command.Parameters.AddWithValue(content.WindowEnd.ToUniversalTime());
        command.Parameters.AddWithValue(content.Subject);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Jsonb, JsonSerializer.Serialize(content.Events, Json));
        command.Parameters.AddWithValue(content.Events.Count);
        command.Parameters.AddWithValue(calendar.Now);
        command.Parameters.AddWithValue(runId);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    public async Task TouchAsync(long digestId, long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE outreach.digests SET last_run_id = $2, last_run_at = $3 WHERE id = $1");
        command.Parameters.AddWithValue(digestId);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(calendar.Now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DigestContent?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;

        if (!IsoWeek.TryParse(reader.GetString(2), out var week))
            throw new InvalidOperationException($"Digest {reader.GetInt64(0)} has no ISO week.");
        var community = reader.GetString(1);
        return new DigestContent(reader.GetInt64(0), community, communities.CurrentValue.NameOf(community), week, reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
            JsonSerializer.Deserialize<List<DigestEvent>>(reader.GetString(6), Json) ?? []);
    }
}
