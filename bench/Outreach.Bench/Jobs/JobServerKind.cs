namespace Outreach.Bench.Jobs;

/// <summary>Which Hangfire server the jobs benchmark measures.</summary>
public enum JobServerKind
{
    /// <summary>Plain Hangfire with Hangfire.PostgreSql's default options (15 s poll, no LISTEN/NOTIFY), 10 workers.</summary>
    Plain,

    /// <summary>The hub's worker, built by the product's own registration (HubHost, AddOutreachHangfire), 10 workers.</summary>
    Hub,
}
