namespace Outreach.Worker.Audit;

/// <summary>
/// One audited action: its code (<see cref="AuditActions"/>), what it acted on (e.g. <c>reader:42</c>) and details
/// as codes and ids. Never personal data: the trail is kept for years and shown to admins.
/// </summary>
public sealed record AuditEntry(string Action, string? Target = null, IReadOnlyDictionary<string, string>? Details = null)
{
    public static string Reader(long readerId) => "reader:" + readerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Staff(long staffId) => "staff:" + staffId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
