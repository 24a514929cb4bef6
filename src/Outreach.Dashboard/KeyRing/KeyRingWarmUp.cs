using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using Outreach.Worker.Storage;

namespace Outreach.Dashboard.KeyRing;

/// <summary>
/// Loads the key ring before the dashboard serves, under a database-wide lock: when several instances start together on
/// an empty key ring, the first creates the key and the others find it, instead of each making its own, which the
/// others would not know for a while (a session or form from one instance refused by another).
/// </summary>
internal sealed class KeyRingWarmUp(NpgsqlDataSource dataSource, IDataProtectionProvider dataProtection) : IHostedService
{
    private const string LockKey = "outreach-data-protection-keys";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var keyRingLock = await AdvisoryLock.AcquireAsync(dataSource, LockKey, cancellationToken);
        // Protecting anything needs the current key: it is read from the database, or created there when there is none.
        dataProtection.CreateProtector(nameof(KeyRingWarmUp)).Protect([0]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
