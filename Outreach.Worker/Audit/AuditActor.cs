namespace Outreach.Worker.Audit;

/// <summary>Who did something: a staff account (id and username as they were then), or the hub itself; and from which address.</summary>
public sealed record AuditActor(long? StaffId, string Name, string? ClientAddress)
{
    /// <summary>The hub's own jobs (retention, pruning).</summary>
    public static AuditActor Hub { get; } = new(null, "hub", null);

    /// <summary>A login attempt for a username that names no account: the typed name is not kept (it may be a password).</summary>
    public static AuditActor Unknown(string? clientAddress) => new(null, "unknown", clientAddress);

    /// <summary>The name kept in other tables that record who acted (e.g. resolved_by, approved_by).</summary>
    public override string ToString() => Name;
}
