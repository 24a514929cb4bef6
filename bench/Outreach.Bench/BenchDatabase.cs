using System.Diagnostics;
using Npgsql;
using Outreach.Testing;

namespace Outreach.Bench;

/// <summary>A fresh database per measured size, dropped once measured so that a sweep of many sizes does not fill the disk.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string purpose) => new(await TestPostgres.CreateDatabaseAsync(purpose));

    /// <summary>Runs one statement (positional parameters), without a timeout.</summary>
    public async Task<long> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one statement and returns how long it took, in seconds.</summary>
    public async Task<double> TimeAsync(string sql, params object[] parameters)
    {
        var timer = Stopwatch.StartNew();
        await ExecuteAsync(sql, parameters);
        return timer.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await DropAsync(ConnectionString);
    }

    public static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
