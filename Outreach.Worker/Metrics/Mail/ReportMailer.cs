using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Mail;
using Outreach.Integrations.Time;
using Outreach.Worker.Metrics.Reading;
using Outreach.Worker.Metrics.Report;

namespace Outreach.Worker.Metrics.Mail;

/// <summary>What mailing the report did.</summary>
public sealed record MailOutcome(int Sent, int AlreadySent, int Rejected, int Deferred, IReadOnlyList<string> Problems);

/// <summary>
/// Mails a computed month's report to Outreach:Metrics:ReportRecipients: the table as HTML, a plain-text summary, and
/// the CSV attached. Each recipient gets each version of the figures once (a ledger keyed by the figures'
/// fingerprint): a retry sends only what did not go, a recomputation with changed figures sends the new version.
/// Written for staff in Outreach:Metrics:ReportLanguage (Chinese unless English is configured).
/// </summary>
public sealed partial class ReportMailer(IMailSender mail, IOptions<MailOptions> mailOptions, IOptionsMonitor<MetricsOptions> options,
    NpgsqlDataSource dataSource, LibraryCalendar library, IStringLocalizer<ReportText> text, ILogger<ReportMailer> logger) : IReportMailer
{
    public async Task<MailOutcome> SendAsync(MonthlyReport report, long runId, CancellationToken cancellationToken)
    {
        var recipients = options.CurrentValue.ReportRecipients.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0)
        {
            return new MailOutcome(0, 0, 0, 0, []);
        }

        var done = await AlreadyMailedAsync(report, cancellationToken);
        var due = recipients.Where(r => !done.Contains(r)).ToList();
        int sent = 0, rejected = 0, deferred = 0;
        var problems = new List<string>();
        if (due.Count > 0)
        {
            await using var session = mail.OpenSession(1);
            foreach (var recipient in due)
            {
                var message = ReportWords.In(options.CurrentValue.ReportLanguage, () => Compose(report, recipient));
                var result = await session.SendAsync(new OutgoingMail(message, recipient), cancellationToken);
                switch (result.Status)
                {
                    case SendStatus.Accepted or SendStatus.Uncertain:
                        sent++;
                        await RecordAsync(report, recipient, result, runId);
                        break;
                    case SendStatus.Rejected:
                        rejected++;
                        problems.Add($"{recipient} refused by the mail server: {result.Reply}");
                        await RecordAsync(report, recipient, result, runId);
                        break;
                    default:
                        deferred++;
                        problems.Add($"{recipient} not sent yet: {result.Reply}");
                        break;
                }
            }
        }

        Log.Mailed(logger, report.Month, sent, recipients.Count - due.Count, rejected, deferred);
        return new MailOutcome(sent, recipients.Count - due.Count, rejected, deferred, problems);
    }

    private MimeMessage Compose(MonthlyReport report, string recipient)
    {
        var settings = options.CurrentValue;
        var from = mailOptions.Value;
        var month = report.Month;
        var link = settings.PublicBaseUrl is { Length: > 0 } baseUrl ? $"{baseUrl.TrimEnd('/')}/metrics?month={month}" : null;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(from.FromName ?? settings.LibraryName, from.From!));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = text["Mail.Subject", settings.LibraryName, text.MonthOf(month)]
            + (report.Record.Computations > 1 ? text["Mail.Recomputed"].Value : "");
        message.Date = library.Local(library.Now);
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new BodyBuilder
        {
            TextBody = Summary(report, link),
            HtmlBody = ReportHtml.Document(report, settings.LibraryName, library.Zone, trends: null, stylesheetHref: null, text, link),
        };
        body.Attachments.Add(ReportCsv.FileName(month), ReportCsv.Write(report, text), ContentType.Parse(ReportCsv.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The charted indicators for all communities, with their changes, for mail readers that show no HTML.</summary>
    private string Summary(MonthlyReport report, string? link)
    {
        var summary = new StringBuilder();
        summary.Append(text["Mail.Intro", text.MonthOf(report.Month), report.Month.Previous.ToString(), report.Month.SameMonthLastYear.ToString()]).Append("\n\n");
        foreach (var indicator in Indicators.Charted.Prepend(Indicators.Find(Indicators.PopulationServed)!))
        {
            var figure = report.Get(report.All.Code, indicator.Key);
            summary.Append(text["Mail.Line", ReportWords.TitleOf(indicator), FigureFormat.Value(figure.Value, indicator.Unit, text),
                FigureFormat.Change(figure.Value, figure.PreviousMonth, indicator.Unit, text),
                FigureFormat.Change(figure.Value, figure.SameMonthLastYear, indicator.Unit, text)]).Append('\n');
        }

        summary.Append('\n').Append(text["Mail.Rest"]).Append('\n');
        if (link is not null)
        {
            summary.Append(text["Mail.Trends", link]).Append('\n');
        }

        return summary.ToString();
    }

    private async Task<HashSet<string>> AlreadyMailedAsync(MonthlyReport report, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT recipient FROM outreach.metric_report_mail WHERE month = $1 AND fingerprint = $2");
        command.Parameters.AddWithValue(report.Month.FirstDay);
        command.Parameters.AddWithValue(report.Record.Fingerprint);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            done.Add(reader.GetString(0));
        }

        return done;
    }

    // Written right after the server's answer, even if the job is being cancelled: the message has gone.
    private async Task RecordAsync(MonthlyReport report, string recipient, SendResult result, long runId)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outreach.metric_report_mail (month, fingerprint, recipient, status, reply, at, run_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (month, fingerprint, recipient) DO NOTHING
            """);
        command.Parameters.AddWithValue(report.Month.FirstDay);
        command.Parameters.AddWithValue(report.Record.Fingerprint);
        command.Parameters.AddWithValue(recipient);
        command.Parameters.AddWithValue(result.Status switch { SendStatus.Rejected => "rejected", SendStatus.Uncertain => "uncertain", _ => "sent" });
        command.Parameters.AddWithValue(result.Reply);
        command.Parameters.AddWithValue(library.Now);
        command.Parameters.AddWithValue(runId);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Metrics + 11, Level = LogLevel.Information,
            Message = "Monthly report {Month} mailed: {Sent} sent, {AlreadySent} sent before, {Rejected} refused, {Deferred} deferred")]
        public static partial void Mailed(ILogger logger, ReportMonth month, int sent, int alreadySent, int rejected, int deferred);
    }
}
