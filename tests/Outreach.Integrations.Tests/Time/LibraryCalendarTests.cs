using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Integrations.Time;

namespace Outreach.Integrations.Tests.Time;

public sealed class LibraryCalendarTests
{
    private static readonly TimeSpan Ningbo = TimeSpan.FromHours(8);

    [Fact]
    public void Today_this_week_and_this_month_turn_over_at_the_library_s_midnight_not_the_server_s()
    {
        // 2026-11-30 15:59 UTC is 23:59 on Monday the 30th in Ningbo; a minute later it is December.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero));
        var library = Library(clock);

        Assert.Equal((new DateOnly(2026, 11, 30), new IsoWeek(2026, 49), new DateOnly(2026, 11, 1)), (library.Today, library.ThisWeek, library.ThisMonth));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((new DateOnly(2026, 12, 1), new IsoWeek(2026, 49), new DateOnly(2026, 12, 1)), (library.Today, library.ThisWeek, library.ThisMonth));
    }

    [Fact]
    public void A_library_day_starts_at_local_midnight_and_a_wall_clock_time_is_read_in_the_library_s_zone()
    {
        var library = Library(new FakeTimeProvider());

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, Ningbo), library.StartOf(new DateOnly(2026, 11, 28)));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 14, 0, 0, Ningbo), library.At(new DateTime(2026, 11, 28, 14, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal(Ningbo, library.Local(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero)).Offset);
    }

    [Fact]
    public void Another_configured_zone_moves_every_boundary_with_it()
    {
        var library = Library(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)), "Europe/Berlin");

        Assert.Equal(new DateOnly(2026, 11, 30), library.Today);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), library.StartOf(new DateOnly(2026, 3, 29)));
        Assert.Equal(TimeSpan.FromHours(2), library.At(new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Unspecified)).Offset);
    }

    [Fact]
    public void An_unknown_time_zone_stops_the_host_naming_the_key()
    {
        using var services = TestServices.Build(new Dictionary<string, string?> { ["Outreach:TimeZone"] = "Asia/Ningbo" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Outreach:TimeZone 'Asia/Ningbo' is not a known time zone.", failure.Message, StringComparison.Ordinal);
    }

    private static LibraryCalendar Library(TimeProvider clock, string? zone = null) =>
        new(clock, Options.Create(zone is null ? new LibraryTimeOptions() : new LibraryTimeOptions { TimeZone = zone }));
}
