using Npgsql;

namespace Outreach.Bench;

/// <summary>Drops a benchmark's database once measured, so that a sweep of many sizes does not fill the disk.</summary>
public static class BenchDatabase
{
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
