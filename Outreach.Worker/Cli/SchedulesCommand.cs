using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Hosting;
using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Cli;

internal static class SchedulesCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--next") { Description = "How many next fire times to show per schedule.", DefaultValueFactory = _ => 3 };
        var command = new Command("schedules", "List the schedules: job, arguments, cron, calendar, previous and next fire times (library time).");
        command.Options.Add(count);
        command.SetAction((parse, ct) => CommandFailure.GuardAsync(async () =>
        {
            using var host = HubHost.Build(HostRole.Client);
            var board = host.Services.GetRequiredService<ScheduleBoard>();
            foreach (var schedule in await board.ListAsync(parse.GetValue(count), ct))
            {
                var state = !schedule.Enabled ? "disabled" : schedule.JobAvailable ? "active" : "waiting for its job";
                Console.WriteLine($"{schedule.Name}  [{state}]  job={schedule.Job} {schedule.Arguments}");
                Console.WriteLine($"    cron '{schedule.Cron}'{(schedule.Calendar is null ? "" : $" calendar {schedule.Calendar}")}");
                Console.WriteLine($"    previous: {Format(schedule.PreviousFire)}");
                Console.WriteLine($"    next:     {string.Join(", ", schedule.NextFires.Select(f => Format(f)))}");
            }

            return 0;
        }));
        return command;
    }

    private static string Format(DateTimeOffset? time) =>
        time?.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) ?? "never";
}
