using Outreach.Dashboard.Navigation;

namespace Outreach.Dashboard.Readers;

public static class ReaderPagesExtensions
{
    public static readonly StaffPage Sync = new("Roster sync", "/sync", 22);
    public static readonly StaffPage Quarantine = new("Quarantine", "/quarantine", 24);
    public static readonly StaffPage Readers = new("Readers", "/readers", 26);

    /// <summary>The reader-registry pages: sync runs (with approval of refused rosters), quarantine, reader search, a reader's desk.</summary>
    public static IServiceCollection AddReaderPages(this IServiceCollection services) =>
        services.AddStaffPage(Sync).AddStaffPage(Quarantine).AddStaffPage(Readers).AddSingleton<TimelineTexts>();
}
