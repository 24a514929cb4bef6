using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Hosting;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending schema migrations (hub, Quartz, Hangfire) under the migration lock, then exit.");
        command.SetAction((_, ct) => CommandFailure.GuardAsync(async () =>
        {
            using var host = HubHost.Build(HostRole.Client);
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
            return 0;
        }));
        return command;
    }
}
