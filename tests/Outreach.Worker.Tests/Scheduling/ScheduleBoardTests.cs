using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Tests.Scheduling;

public sealed class ScheduleBoardTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public void Next_fires_are_in_library_time_and_skip_holidays_and_maintenance_windows()
    {
        var options = new SchedulingOptions
        {
            Calendars =
            {
                ["town"] = new CalendarOptions
                {
                    Holidays = [new DateOnly(2026, 11, 26)],
                    MaintenanceWindows = ["* * 1-2 ? * SAT"],
                },
            },
        };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, Shanghai));
        var board = Board(options, clock);

        var fires = board.NextFires(new ScheduleOptions { Job = "probe", Cron = "0 30 1 * * ?", Calendar = "town" }, 3);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 11, 27, 1, 30, 0, Shanghai),
                // 26th: holiday; 28th is a Saturday inside the maintenance window.
                new DateTimeOffset(2026, 11, 29, 1, 30, 0, Shanghai),
                new DateTimeOffset(2026, 11, 30, 1, 30, 0, Shanghai),
            ],
            fires);
        Assert.All(fires, f => Assert.Equal(Shanghai, f.Offset));
    }

    [Fact]
    public void A_bad_cron_or_unknown_calendar_is_refused_naming_the_key()
    {
        var validator = new SchedulingOptionsValidator(new JobCatalog([]));
        var result = validator.Validate(null, new SchedulingOptions
        {
            Schedules =
            {
                ["nightly"] = new ScheduleOptions { Job = "sync", Cron = "every night", Calendar = "nope" },
            },
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Outreach:Schedules:nightly:Cron", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Outreach:Schedules:nightly:Calendar", StringComparison.Ordinal));
    }

    private static ScheduleBoard Board(SchedulingOptions options, TimeProvider clock)
    {
        var catalog = new ScheduleCatalog(Options.Create(options), []);
        // The board only reads the ledger for previous fires; NextFires never touches the database.
        var ledger = new ScheduleSlotLedger(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"), clock);
        return new ScheduleBoard(catalog, new JobCatalog([]), ledger, new LibraryCalendar(clock, Options.Create(new LibraryTimeOptions())));
    }
}
