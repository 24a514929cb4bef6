using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Jobs;
using Outreach.Worker.Readers.Cards;
using Outreach.Worker.Readers.Sync;
using Outreach.Worker.Scheduling;

namespace Outreach.Worker.Readers;

public static class ReadersServiceCollectionExtensions
{
    /// <summary>The reader registry: roster sync, card push-back, their jobs and per-community schedules.</summary>
    public static IServiceCollection AddOutreachReaders(this IServiceCollection services)
    {
        services.AddOutreachOptions<ReadersOptions>(ReadersOptions.Section);
        services.AddSingleton<RosterStager>();
        services.AddSingleton<HashKeys.HashKeyLedger>();
        services.AddHostedService<HashKeys.HashKeyStartCheck>();
        services.AddTransient<HashKeys.PhoneHashJob>();
        services.AddTransient<RosterSync>();
        services.AddTransient<RosterSyncJob>();
        services.AddSingleton<ICardStatusOutbox, CardStatusOutbox>();
        services.AddTransient<CardStatusPush>();
        services.AddTransient<CardStatusPushEnqueuer>();
        services.AddSingleton<SyncApprovals>();
        services.AddSingleton<Board.ReaderBoard>();
        services.AddSingleton<IScheduleContributor, SyncScheduleContributor>();

        services.AddJob(JobDefinition.For<RosterSyncJob>(RosterSync.JobName, HubQueues.Sync,
            "Sync a community's resident roster into the reader registry (cards issued and withdrawn)",
            [new JobParameter("community", "Community code, e.g. GL03"), new JobParameter("all", "Every configured community", IsFlag: true)],
            (args, ct) => args.Flag("all") ? job => job.RunAllAsync(ct) : job => job.RunAsync(args.Required("community"), ct)));
        services.AddJob(JobDefinition.For<CardStatusPush>(CardStatusPush.JobName, HubQueues.Sync,
            "Send pending card statuses back to a community's system",
            [new JobParameter("community", "Community code, e.g. GL03")],
            (args, ct) => push => push.RunAsync(args.Required("community"), ct)));
        services.AddJob(JobDefinition.For<HashKeys.PhoneHashJob>(HashKeys.PhoneHashJob.Name, HubQueues.Sync,
            "Hash the phones on record under the current hash key (after an upgrade, and after rotating the key), so the desk finds readers by phone",
            [], (_, ct) => job => job.RunAsync(ct)));
        return services;
    }
}
