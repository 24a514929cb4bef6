using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Audit;
using Outreach.Worker.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.Worker.Cli;

/// <summary><c>add-staff</c>: creates or resets a staff account; the password comes from the environment or stdin, never an argument.</summary>
internal static class StaffCommand
{
    public const string PasswordVariable = "OUTREACH_STAFF_PASSWORD";

    /// <summary>Who the audit trail names for an account saved from the command line.</summary>
    private static readonly AuditActor CliActor = new(null, "operator-cli", null);

    public static Command Create()
    {
        var username = new Option<string>("--username") { Description = "Login name.", Required = true };
        var role = new Option<string>("--role") { Description = "admin, operator or viewer.", Required = true };
        var displayName = new Option<string>("--display-name") { Description = "Name shown in the dashboard." };
        var email = new Option<string>("--email") { Description = "Address for \"send a test to me\" and reports." };
        var command = new Command("add-staff",
            $"Create (or reset) a staff account. The password is read from ${PasswordVariable}, else from the first line of stdin.");
        command.Options.Add(username);
        command.Options.Add(role);
        command.Options.Add(displayName);
        command.Options.Add(email);
        command.SetAction((parse, ct) => CommandFailure.GuardAsync(async () =>
        {
            var password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnv
                ? fromEnv
                : (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            using var host = HubHost.Build(HostRole.Client);
            await host.StartAsync(ct);
            var member = await host.Services.GetRequiredService<StaffStore>().CreateAsync(parse.GetValue(username)!,
                parse.GetValue(displayName) ?? "", StaffRoles.Parse(parse.GetValue(role)!), password, parse.GetValue(email), CliActor, ct);
            await host.StopAsync(CancellationToken.None);
            Console.WriteLine($"Staff account '{member.Username}' ({member.Role.Name()}) is ready.");
            return 0;
        }));
        return command;
    }
}
