using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Communities;

namespace Outreach.Worker.Digests.Events;

/// <summary>The programme's events in PostgreSQL: what the editor, the API and the feed import write, and digests read.</summary>
public sealed class EventStore(NpgsqlDataSource dataSource, IOptionsMonitor<CommunityCatalogOptions> communities, TimeProvider clock) : ICommunityEvents, IFeedEvents
{
    public const string StaffSource = "staff";
    public const string ApiSource = "api";

    private const string Columns = """
        id, source, kind, title, summary, venue, starts_at, ends_at, communities, capacity, registration_url, cancelled, updated_at
        """;

    public IReadOnlyCollection<string> KnownCommunities => communities.CurrentValue.Communities.Keys;

    /// <summary>Stores a new event; throws <see cref="EventDraftException"/> when the draft is refused.</summary>
    public async Task<LibraryEvent> CreateAsync(EventDraft draft, string source, CancellationToken cancellationToken)
    {
        Check(draft);
        var sql = $"""
            INSERT INTO outreach.events (source, kind, title, summary, venue, starts_at, ends_at, communities, capacity, registration_url,
                created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(source);
        AddDraft(command, draft);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    /// <summary>Replaces an event's fields; null when there is no such event.</summary>
    public async Task<LibraryEvent?> UpdateAsync(long id, EventDraft draft, bool cancelled, CancellationToken cancellationToken)
    {
        Check(draft);
        var sql = $"""
            UPDATE outreach.events SET kind = $1, title = $2, summary = $3, venue = $4, starts_at = $5, ends_at = $6,
                communities = $7, capacity = $8, registration_url = $9, updated_at = $10, cancelled = $12
            WHERE id = $11
            RETURNING {Columns}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AddDraft(command, draft);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(cancelled);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Cancels an event (kept, so digests already sent still make sense); false when there is no such event.</summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE outreach.events SET cancelled = true, updated_at = $2 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<LibraryEvent?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM outreach.events WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Events starting in [from, to), cancelled ones included when asked, by start.</summary>
    public async Task<IReadOnlyList<LibraryEvent>> ListAsync(DateTimeOffset from, DateTimeOffset to, bool includeCancelled, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM outreach.events
            WHERE starts_at >= $1 AND starts_at < $2 AND ($3 OR NOT cancelled)
            ORDER BY starts_at, id
            LIMIT 2000
            """);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.AddWithValue(includeCancelled);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The events a community's digest shows: not cancelled, for that community or all, starting in [from, to).</summary>
    public async Task<IReadOnlyList<LibraryEvent>> ForCommunityAsync(string community, DateTimeOffset startsFrom, DateTimeOffset startsBefore,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM outreach.events
            WHERE NOT cancelled AND starts_at >= $2 AND starts_at < $3 AND (cardinality(communities) = 0 OR $1 = ANY (communities))
            ORDER BY starts_at, id
            """);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(startsFrom.ToUniversalTime());
        command.Parameters.AddWithValue(startsBefore.ToUniversalTime());
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// Makes the events of one feed exactly <paramref name="occurrences"/> within [windowStart, windowEnd): new ones inserted, changed ones
    /// updated, vanished ones cancelled. One transaction; returns (inserted, updated, cancelled).
    /// </summary>
    public async Task<(long Inserted, long Updated, long Cancelled)> ReplaceFeedAsync(string source, IReadOnlyList<(string ExternalId, EventDraft Draft)> occurrences,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long inserted = 0, updated = 0;
        foreach (var (externalId, draft) in occurrences)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO outreach.events (kind, title, summary, venue, starts_at, ends_at, communities, capacity, registration_url,
                    created_at, updated_at, source, external_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)
                ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
                    kind = EXCLUDED.kind, title = EXCLUDED.title, summary = EXCLUDED.summary, venue = EXCLUDED.venue,
                    starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, communities = EXCLUDED.communities,
                    capacity = EXCLUDED.capacity, registration_url = EXCLUDED.registration_url, cancelled = false, updated_at = EXCLUDED.updated_at
                WHERE (outreach.events.kind, outreach.events.title, outreach.events.summary, outreach.events.venue, outreach.events.starts_at,
                       outreach.events.ends_at, outreach.events.communities, outreach.events.capacity, outreach.events.registration_url,
                       outreach.events.cancelled)
                    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.title, EXCLUDED.summary, EXCLUDED.venue, EXCLUDED.starts_at, EXCLUDED.ends_at,
                       EXCLUDED.communities, EXCLUDED.capacity, EXCLUDED.registration_url, false)
                RETURNING (xmax = 0)
                """, connection, transaction);
            AddDraft(upsert, draft);
            upsert.Parameters.AddWithValue(now);
            upsert.Parameters.AddWithValue(source);
            upsert.Parameters.AddWithValue(externalId);
            var result = await upsert.ExecuteScalarAsync(cancellationToken);
            if (result is true)
                inserted++;
            else if (result is false)
                updated++;
        }

        await using var cancel = new NpgsqlCommand("""
            UPDATE outreach.events SET cancelled = true, updated_at = $4
            WHERE source = $1 AND NOT cancelled AND starts_at >= $2 AND starts_at < $3 AND NOT (external_id = ANY ($5))
            """, connection, transaction);
        cancel.Parameters.AddWithValue(source);
        cancel.Parameters.AddWithValue(windowStart.ToUniversalTime());
        cancel.Parameters.AddWithValue(windowEnd.ToUniversalTime());
        cancel.Parameters.AddWithValue(now);
        cancel.Parameters.AddWithValue(occurrences.Select(o => o.ExternalId).ToArray());
        var cancelled = await cancel.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (inserted, updated, cancelled);
    }

    private void Check(EventDraft draft)
    {
        var problems = draft.Problems(KnownCommunities);
        if (problems.Count > 0)
            throw new EventDraftException(problems);
    }

    private void AddDraft(NpgsqlCommand command, EventDraft draft)
    {
        command.Parameters.AddWithValue(draft.Kind);
        command.Parameters.AddWithValue(draft.Title.Trim());
        command.Parameters.AddWithValue(draft.Summary?.Trim() ?? "");
        command.Parameters.AddWithValue(draft.Venue?.Trim() ?? "");
        command.Parameters.AddWithValue(draft.StartsAt.ToUniversalTime());
        command.Parameters.AddWithValue(draft.EndsAt.ToUniversalTime());
        command.Parameters.AddWithValue(draft.NormalizedCommunities(KnownCommunities));
        command.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)draft.Capacity ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, string.IsNullOrWhiteSpace(draft.RegistrationUrl) ? DBNull.Value : draft.RegistrationUrl.Trim());
    }

    private static async Task<IReadOnlyList<LibraryEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<LibraryEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LibraryEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<string[]>(8),
                reader.IsDBNull(9) ? null : reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetBoolean(11),
                reader.GetFieldValue<DateTimeOffset>(12)));
        }

        return events;
    }
}
