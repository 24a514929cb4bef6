using System.Globalization;
using Npgsql;

namespace Outreach.Testing;

/// <summary>The queries tests make to check what a run left in the database: one count, one statement, one column.</summary>
public static class SqlProbe
{
    public static async Task<long> ScalarAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row, as text.</summary>
    public static async Task<List<string>> ListAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, object[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return command;
    }
}
