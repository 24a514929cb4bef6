using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail: appending, reading, verifying, pruning, and the audit job.</summary>
    public static IServiceCollection AddOutreachAudit(this IServiceCollection services)
    {
        services.AddOutreachOptions<AuditOptions>(AuditOptions.Section);
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton<AuditRetention>();
        services.AddTransient<AuditJob>();
        services.AddJob(JobDefinition.For<AuditJob>(AuditJob.Name, HubQueues.Default,
            "Verify the audit trail's hash chain, then prune entries older than Outreach:Audit:RetentionDays", [],
            (_, ct) => job => job.RunAsync(ct)));
        return services;
    }
}
