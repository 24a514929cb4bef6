using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Logging;

namespace Outreach.Worker.Staff;

/// <summary>Creates the first admin from configuration at start, only while no admin exists (no default password in code).</summary>
internal sealed partial class StaffBootstrapper(StaffStore directory, IOptions<StaffOptions> options, ILogger<StaffBootstrapper> logger)
    : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(admin?.Username) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }

        if (await directory.AnyAdminAsync(cancellationToken))
        {
            return;
        }

        await directory.CreateAsync(admin.Username, admin.Username, StaffRole.Admin, admin.Password, null, cancellationToken);
        Log.AdminCreated(logger, admin.Username);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Staff + 1, Level = LogLevel.Warning, Message = "Created the first admin account {Username} from configuration; remove the bootstrap password from the environment")]
        public static partial void AdminCreated(ILogger logger, string username);
    }
}
