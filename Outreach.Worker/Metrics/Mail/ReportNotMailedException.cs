using Outreach.Integrations.Time;

namespace Outreach.Worker.Metrics.Mail;

/// <summary>The month's figures are stored, but the mail server deferred the report for some recipients: a retry sends it to them.</summary>
public sealed class ReportNotMailedException(ReportMonth month, IReadOnlyList<string> problems)
    : Exception($"The figures of {month} are stored, but the report could not be mailed yet: {string.Join("; ", problems)}");
