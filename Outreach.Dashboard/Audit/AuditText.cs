namespace Outreach.Dashboard.Audit;

/// <summary>Words of the audit trail page; Resources/Audit/AuditText.*.resx.</summary>
public sealed class AuditText;
