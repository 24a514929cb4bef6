using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Navigation;

/// <summary>
/// The hub's staff pages. To add one: put the Razor page under Pages/ and add a line here (or call
/// <see cref="StaffNavigationExtensions.AddStaffPage"/> from the feature's own AddXxx); the layout and Hangfire's
/// menu both pick it up.
/// </summary>
public static class StaffPages
{
    public static readonly StaffPage Home = new("Home", "/", 0);
    public static readonly StaffPage Schedules = new("Schedules", "/schedules", 20);
    public static readonly StaffPage Runs = new("Runs", "/runs", 30);
    public static readonly StaffPage Staff = new("Staff", "/staff", 90, StaffRole.Admin);

    public static IReadOnlyList<StaffPage> All { get; } = [Home, Schedules, Runs, Staff];
}
