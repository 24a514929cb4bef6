using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Audit;

/// <summary>One entry as the audit page shows it.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, long? ActorId, string Actor, string? ClientAddress, string Action, string? Target,
    IReadOnlyDictionary<string, string> Details);

/// <summary>Which entries to show: by who, what, on what, when (each optional), newest first, a page at a time.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null,
    DateTimeOffset? Until = null, int Page = 1);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasNext);

/// <summary>Reads the audit trail for the admins' audit page.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public const int PageSize = 50;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, filter.Page);
        await using var command = dataSource.CreateCommand($"""
            {Select}
            WHERE ($1::text IS NULL OR lower(actor) = lower($1)) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR target = $3)
              AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
            ORDER BY id DESC
            LIMIT $6 OFFSET $7
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)Blank(filter.Actor) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)Blank(filter.Action) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)Blank(filter.Target) ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)filter.From?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)filter.Until?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue(PageSize + 1);
        command.Parameters.AddWithValue(Paging.Offset(page, PageSize));
        var rows = await ReadAsync(command, cancellationToken);
        return new AuditPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>The entries about one target (e.g. a reader's record), oldest first: for the resident's access file.</summary>
    public async Task<IReadOnlyList<AuditRow>> AboutAsync(string target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE target = $1 ORDER BY id");
        command.Parameters.AddWithValue(target);
        return await ReadAsync(command, cancellationToken);
    }

    private const string Select = "SELECT id, at, actor_id, actor, client_address, action, target, details FROM outreach.audit_log";

    private static async Task<List<AuditRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                ParseDetails(reader.GetString(7))));
        }

        return rows;
    }

    private static Dictionary<string, string> ParseDetails(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            // An entry edited by hand into something else: the verification reports it; the page still shows the rest.
            return new Dictionary<string, string> { ["?"] = json };
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
