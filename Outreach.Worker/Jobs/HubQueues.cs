namespace Outreach.Worker.Jobs;

/// <summary>The Hangfire queues: one per job family, so a flood of mail never delays a roster sync.</summary>
public static class HubQueues
{
    public const string Sync = "sync";
    public const string Orders = "orders";
    public const string Mail = "mail";
    public const string Metrics = "metrics";
    public const string Default = "default";

    public static readonly IReadOnlyList<string> All = [Sync, Orders, Mail, Metrics, Default];
}
