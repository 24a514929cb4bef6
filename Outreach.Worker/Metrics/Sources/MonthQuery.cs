using Npgsql;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Builds the sources' statements on the computation's connection, each with the month's parameters:
/// $1 start and $2 end of the month (instants, end exclusive), $3 its first and $4 its last day, $5 the library's
/// time zone, $6 the configured community codes.
/// </summary>
public sealed class MonthQuery(NpgsqlConnection connection, FigureSheet sheet, string timeZone, TimeSpan timeout)
{
    public NpgsqlCommand Command(string sql, params object[] extra)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)Math.Min(int.MaxValue, timeout.TotalSeconds) };
        // PostgreSQL accepts typed parameters a statement does not use, so every statement gets them all.
        object[] values = [sheet.Period.Start, sheet.Period.End, sheet.Month.FirstDay, sheet.Month.LastDay, timeZone, sheet.Communities.ToArray(), .. extra];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>Hash and merge joins only until <see cref="AllowNestedLoopsAsync"/> (see <see cref="LinearPlans"/>).</summary>
    public Task ForbidNestedLoopsAsync(CancellationToken cancellationToken) => LinearPlans.ForbidNestedLoopsAsync(connection, cancellationToken);

    public Task AllowNestedLoopsAsync(CancellationToken cancellationToken) => LinearPlans.AllowNestedLoopsAsync(connection, cancellationToken);

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }
}
