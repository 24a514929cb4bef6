using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Outreach.Integrations.Logging;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.KeyRing;

/// <summary>
/// Loads the key ring before the dashboard serves, under a database-wide lock: when several instances start together on
/// an empty key ring, the first creates the key and the others find it, instead of each making its own, which the
/// others would not know for a while (a session or form from one instance refused by another).
/// </summary>
internal sealed partial class KeyRingWarmUp(KeyRingStore keys, IDataProtectionProvider dataProtection, ILogger<KeyRingWarmUp> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var keyRingLock = await keys.LockAsync(cancellationToken);
            // Protecting anything needs the current key: it is read from the database, or created there when there is none.
            dataProtection.CreateProtector(nameof(KeyRingWarmUp)).Protect([0]);
        }
        catch (Exception failure) when (failure is DbException or CryptographicException or TimeoutException)
        {
            // The dashboard still starts, so that /healthz can say the database is down; the key ring is read on first use.
            Log.NotLoaded(logger, failure.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.KeyRing + 1, Level = LogLevel.Warning,
            Message = "The data-protection key ring could not be loaded from the database at start ({Failure}); it is read on first use")]
        public static partial void NotLoaded(ILogger logger, string failure);
    }
}
