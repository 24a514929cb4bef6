using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Digests.Bounces;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Digests.Preferences;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Digests.Staff;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests;

public static class DigestsServiceCollectionExtensions
{
    /// <summary>Events, the weekly digest and its ledger, preferences, bounces, the staff views, and their jobs.</summary>
    public static IServiceCollection AddOutreachDigests(this IServiceCollection services)
    {
        services.AddOutreachOptions<DigestOptions, DigestOptionsValidator>(DigestOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl))
                {
                    o.PublicBaseUrl = configuration["Outreach:Dashboard:PublicBaseUrl"];
                    o.PublicBaseUrlFromDashboard = true;
                }
            });

        services.AddSingleton<EventStore>();
        services.AddSingleton<ICommunityEvents>(sp => sp.GetRequiredService<EventStore>());
        services.AddSingleton<IFeedEvents>(sp => sp.GetRequiredService<EventStore>());
        services.AddTransient<CalendarFeedImport>();
        services.AddSingleton<DigestTokens>();
        services.AddSingleton<DigestLinks>();
        services.AddSingleton<DigestTemplate>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<IDigestStore, DigestStore>();
        services.AddSingleton<DigestPlanner>();
        services.AddSingleton<DeliveryLedger>();
        services.AddTransient<DigestRun>();
        services.AddTransient<DigestJob>();
        services.AddSingleton<MailPreferences>();
        services.AddSingleton<Consent.MailConsents>();
        services.AddSingleton<BounceRecorder>();
        services.AddTransient<BounceMailboxJob>();
        services.AddSingleton<DigestBoard>();
        services.AddSingleton<DigestPreview>();

        services.AddJob(JobDefinition.For<DigestJob>(DigestRun.JobName, HubQueues.Mail,
            "Send the weekly event digest of a community (or of all) for an ISO week; each reader gets one copy",
            [
                new JobParameter("community", "Community code, e.g. GL03"),
                new JobParameter("week", "ISO week, e.g. 2026-W48 (default: this week)"),
                new JobParameter("all", "Every configured community", IsFlag: true),
            ],
            (args, ct) => args.Flag("all")
                ? job => job.RunAllAsync(args.Optional("week"), ct)
                : job => job.RunAsync(args.Required("community"), args.Optional("week"), ct)));
        services.AddJob(JobDefinition.For<BounceMailboxJob>(BounceMailboxJob.JobName, HubQueues.Mail,
            "Read the bounce mailbox: record bounces, stop mailing addresses that bounce, carry out mailto unsubscribes",
            [], (_, ct) => job => job.RunAsync(ct)));
        services.AddJob(JobDefinition.For<CalendarFeedImport>(CalendarFeedImport.JobName, HubQueues.Default,
            "Import events from an iCalendar feed (recurring events expanded)",
            [new JobParameter("feed", "Feed name under Outreach:Digests:Feeds"), new JobParameter("all", "Every configured feed", IsFlag: true)],
            (args, ct) => args.Flag("all") ? job => job.RunAllAsync(ct) : job => job.RunAsync(args.Required("feed"), ct)));
        return services;
    }
}
