using Hangfire;
using Hangfire.Common;

namespace Outreach.Worker.Jobs;

/// <summary>
/// The filters every hub job runs with, provided per host through DI rather than Hangfire's process-wide
/// GlobalJobFilters: Hangfire's defaults, the configured retry count, a fresh retry count on staff requeue,
/// and the current-job marker for run rows.
/// </summary>
internal static class HangfireFilters
{
    public static IJobFilterProvider Create(HangfireOptions options)
    {
        var filters = new JobFilterCollection
        {
            new CaptureCultureAttribute(),
            new AutomaticRetryAttribute { Attempts = options.AutomaticRetries, ExceptOn = [typeof(PermanentJobFailureException)] },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
            new ResetRetriesOnRequeueFilter(),
            new CurrentHangfireJob.Filter(),
        };
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }
}
