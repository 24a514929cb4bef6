using Npgsql;

namespace Outreach.Worker.Storage;

/// <summary>
/// A PostgreSQL session advisory lock held on its own connection and released on dispose. (A pooled connection
/// keeps session locks when it goes back to the pool, so releasing explicitly is not optional.)
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _key;

    private AdvisoryLock(NpgsqlConnection connection, string key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The connection holding the lock, for work that must run under it.</summary>
    public NpgsqlConnection Connection => _connection;

    /// <summary>Waits for the lock as long as it takes (or until cancelled).</summary>
    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, string key, CancellationToken cancellationToken) =>
        (await TakeAsync(dataSource, key, "pg_advisory_lock", cancellationToken))!;

    /// <summary>Takes the lock if it is free; null when another session holds it.</summary>
    public static Task<AdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string key, CancellationToken cancellationToken) =>
        TakeAsync(dataSource, key, "pg_try_advisory_lock", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", _connection);
                release.Parameters.AddWithValue(_key);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // The server or connection is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task<AdvisoryLock?> TakeAsync(NpgsqlDataSource dataSource, string key, string function, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand($"SELECT {function}(hashtextextended($1, 0))", connection) { CommandTimeout = 0 };
            take.Parameters.AddWithValue(key);
            var result = await take.ExecuteScalarAsync(cancellationToken);
            if (result is false)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
