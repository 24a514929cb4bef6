using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Audit;

/// <summary>The Outreach:Audit section: how long the audit trail keeps its entries.</summary>
public sealed class AuditOptions
{
    public const string Section = "Outreach:Audit";

    /// <summary>Entries older than this are pruned by the audit job (a checkpoint keeps the rest verifiable).</summary>
    [Range(180, 36_500, ErrorMessage = "Outreach:Audit:RetentionDays must be between 180 (six months, the least the Cybersecurity Law asks of network logs) and 36500.")]
    public int RetentionDays { get; set; } = 1095;
}
