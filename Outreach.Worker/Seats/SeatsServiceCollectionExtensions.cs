using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Jobs;
using Outreach.Worker.Seats.Board;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.CheckIn;
using Outreach.Worker.Seats.Notices;
using Outreach.Worker.Seats.Offers;
using Outreach.Worker.Seats.Residents;

namespace Outreach.Worker.Seats;

public static class SeatsServiceCollectionExtensions
{
    /// <summary>Seats at events: registration and waitlist, offers and their sweep, staff's levers.</summary>
    public static IServiceCollection AddOutreachSeats(this IServiceCollection services)
    {
        services.AddOutreachOptions<SeatsOptions>(SeatsOptions.Section);

        services.AddTransient<SeatBook>();
        services.AddTransient<SeatControls>();
        services.AddTransient<SeatEvents>();
        services.AddTransient<CardHolders>();

        services.AddTransient<SeatBoard>();
        services.AddSingleton<CheckInLinks>();
        services.AddTransient<SeatCheckIn>();

        services.AddTransient<SeatNoticeOwing>();
        services.AddTransient<SeatNoticeLedger>();
        services.AddTransient<StuckSeatNotices>();
        services.AddSingleton<SeatNoticeComposer>();
        services.AddTransient<SeatMail>();
        services.AddTransient<SeatMailJob>();
        services.AddJob(JobDefinition.For<SeatMailJob>(SeatMail.JobName, HubQueues.Mail,
            "Send readers their seat notices (confirmation, waitlist, offer, reminder, change), each once", [], (_, ct) => job => job.RunAsync(ct)));

        services.AddTransient<SeatSweep>();
        services.AddTransient<SeatSweepJob>();
        services.AddJob(JobDefinition.For<SeatSweepJob>(SeatSweep.JobName, HubQueues.Default,
            "Pass expired seat offers on and offer freed seats to the waitlist", [], (_, ct) => job => job.RunAsync(ct)));
        return services;
    }
}
