using Npgsql;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Staff;

/// <summary>
/// The dashboard's data-protection key ring (what signs staff session cookies and antiforgery tokens) in
/// outreach.data_protection_keys, shared by every dashboard instance on the database. Data protection calls it rarely
/// (at start, then about once a day, and when it creates a key), and synchronously.
/// </summary>
public sealed class KeyRingStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string LockKey = "outreach-data-protection-keys";

    /// <summary>Every key's XML, oldest first.</summary>
    public IReadOnlyList<string> ReadAll()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM outreach.data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void Add(string friendlyName, string xml)
    {
        using var command = dataSource.CreateCommand("INSERT INTO outreach.data_protection_keys (friendly_name, xml, created_at) VALUES ($1, $2, $3)");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(xml);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.ExecuteNonQuery();
    }

    /// <summary>A database-wide lock on the key ring, held until disposed: instances starting together create one key, not one each.</summary>
    public async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken) =>
        await AdvisoryLock.AcquireAsync(dataSource, LockKey, cancellationToken);
}
