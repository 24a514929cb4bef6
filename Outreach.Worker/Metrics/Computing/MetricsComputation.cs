using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Time;
using Outreach.Worker.Activity;
using Outreach.Worker.Communities;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics.Sources;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Metrics.Computing;

/// <summary>What a computation stored.</summary>
public sealed record ComputedMonth(ReportMonth Month, DateTimeOffset ComputedAt, int Computations, string Fingerprint, bool Changed,
    IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// Computes a month's figures from every source in one repeatable-read transaction (one consistent snapshot of the
/// data) and replaces the month's stored figures in that same transaction, with when, by which run and from which
/// data. Runs for the same month wait for each other (an advisory lock), so two workers never interleave.
/// </summary>
public sealed class MetricsComputation(NpgsqlDataSource dataSource, IEnumerable<IFigureSource> sources, IOptionsMonitor<CommunityCatalogOptions> communities,
    IOptionsMonitor<MetricsOptions> options, LibraryCalendar library, TimeProvider clock) : IMonthComputation
{
    /// <summary>Computes and stores the month; with <paramref name="rebuildActivityTotals"/>, its activity totals are first rebuilt from the ledger.</summary>
    public async Task<ComputedMonth> ComputeAsync(ReportMonth month, RunScope run, bool rebuildActivityTotals, CancellationToken cancellationToken)
    {
        await using var monthLock = await AdvisoryLock.AcquireAsync(dataSource, $"metrics:{month}", cancellationToken);
        if (rebuildActivityTotals)
        {
            await ActivityMonths.RebuildAsync(dataSource, month, month.In(library.Zone), options.CurrentValue.CommandTimeout, cancellationToken);
        }

        return await ComputeLockedAsync(monthLock.Connection, month, run, rebuildActivityTotals, cancellationToken);
    }

    private async Task<ComputedMonth> ComputeLockedAsync(NpgsqlConnection connection, ReportMonth month, RunScope run, bool rebuilt,
        CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var zone = library.Zone;
        var codes = communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal).ToList();
        var sheet = new FigureSheet(month, month.In(zone), codes);

        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // Compiling these few statements to machine code costs more than it saves.
        await using (var memory = new NpgsqlCommand($"SET LOCAL work_mem = '{settings.WorkMemMegabytes}MB'; SET LOCAL jit = off", connection))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        var query = new MonthQuery(connection, sheet, zone.Id, settings.CommandTimeout);
        var all = sources.ToList();
        // How long each source took, in the run's counts: where a slow month spends its time.
        var timings = new Dictionary<string, long>();
        for (var i = 0; i < all.Count; i++)
        {
            var started = clock.GetTimestamp();
            await all[i].ReadAsync(query, sheet, cancellationToken);
            timings[$"ms_{all[i].Name.Replace(' ', '_')}"] = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            await run.ProgressAsync((i + 1) * 90 / all.Count, new Dictionary<string, long>(timings) { ["sources_read"] = i + 1 }, cancellationToken);
        }

        DerivedFigures.Apply(sheet);
        var fingerprint = Fingerprint(sheet);
        var computedAt = clock.GetUtcNow();
        var (computations, previousFingerprint) = await RecordMonthAsync(connection, sheet, zone, run.Id, computedAt, fingerprint, cancellationToken);
        var written = await ReplaceValuesAsync(connection, sheet, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var counts = new Dictionary<string, long>(timings)
        {
            ["figures"] = written,
            ["communities"] = codes.Count,
            ["activity_records"] = Convert.ToInt64(sheet.Sources.GetValueOrDefault("activity_records") ?? 0L, CultureInfo.InvariantCulture),
            ["activity_totals_rebuilt"] = rebuilt ? 1 : 0,
        };
        return new ComputedMonth(month, computedAt, computations, fingerprint, previousFingerprint != fingerprint, counts);
    }

    private static async Task<(int Computations, string? PreviousFingerprint)> RecordMonthAsync(NpgsqlConnection connection, FigureSheet sheet,
        TimeZoneInfo zone, long runId, DateTimeOffset computedAt, string fingerprint, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH previous AS (SELECT fingerprint FROM outreach.metric_months WHERE month = $1)
            INSERT INTO outreach.metric_months AS m (month, time_zone, period_start, period_end, computed_at, run_id, sources, fingerprint)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (month) DO UPDATE SET time_zone = EXCLUDED.time_zone, period_start = EXCLUDED.period_start,
                period_end = EXCLUDED.period_end, computed_at = EXCLUDED.computed_at, run_id = EXCLUDED.run_id,
                computations = m.computations + 1, sources = EXCLUDED.sources, fingerprint = EXCLUDED.fingerprint
            RETURNING m.computations, (SELECT fingerprint FROM previous)
            """, connection);
        command.Parameters.AddWithValue(sheet.Month.FirstDay);
        command.Parameters.AddWithValue(zone.Id);
        command.Parameters.AddWithValue(sheet.Period.Start);
        command.Parameters.AddWithValue(sheet.Period.End);
        command.Parameters.AddWithValue(computedAt.ToUniversalTime());
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(sheet.Sources));
        command.Parameters.AddWithValue(fingerprint);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task<long> ReplaceValuesAsync(NpgsqlConnection connection, FigureSheet sheet, CancellationToken cancellationToken)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM outreach.metric_values WHERE month = $1", connection))
        {
            delete.Parameters.AddWithValue(sheet.Month.FirstDay);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var values = sheet.Values.ToList();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO outreach.metric_values (month, community, indicator, value)
            SELECT $1, c, i, v FROM unnest($2::text[], $3::text[], $4::numeric[]) AS u(c, i, v)
            """, connection);
        insert.Parameters.AddWithValue(sheet.Month.FirstDay);
        insert.Parameters.AddWithValue(values.Select(v => v.Key.Community).ToArray());
        insert.Parameters.AddWithValue(values.Select(v => v.Key.Indicator).ToArray());
        insert.Parameters.Add(new NpgsqlParameter { Value = values.Select(v => v.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A digest of the values alone (not of when they were computed): the same data gives the same fingerprint.</summary>
    private static string Fingerprint(FigureSheet sheet)
    {
        var text = new StringBuilder();
        foreach (var ((community, indicator), value) in sheet.Values.OrderBy(v => v.Key.Community, StringComparer.Ordinal)
                     .ThenBy(v => v.Key.Indicator, StringComparer.Ordinal))
        {
            text.Append(community).Append('|').Append(indicator).Append('|')
                .Append(value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "null").Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
