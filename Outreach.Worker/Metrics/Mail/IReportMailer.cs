using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Metrics.Mail;

/// <summary>Mails a computed month's report to its recipients, each version once (<see cref="ReportMailer"/>).</summary>
public interface IReportMailer
{
    Task<MailOutcome> SendAsync(MonthlyReport report, long runId, CancellationToken cancellationToken);
}
