using Hangfire.Server;

namespace Outreach.Worker.Jobs;

/// <summary>The Hangfire job id of the code running now, so run rows link back to the dashboard.</summary>
public static class CurrentHangfireJob
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Id => Current.Value;

    /// <summary>Sets the id around each performed job.</summary>
    internal sealed class Filter : IServerFilter
    {
        public void OnPerforming(PerformingContext context) => Current.Value = context.BackgroundJob.Id;

        public void OnPerformed(PerformedContext context) => Current.Value = null;
    }
}
