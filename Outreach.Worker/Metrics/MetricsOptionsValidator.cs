using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Integrations.Mail;
using Outreach.Worker.Activity;

namespace Outreach.Worker.Metrics;

/// <summary>Checks Outreach:Metrics at start: recipients are addresses and mail is configured for them, API keys are sound.</summary>
internal sealed class MetricsOptionsValidator(IOptions<MailOptions> mail) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.ReportRecipients.Count; i++)
        {
            var recipient = options.ReportRecipients[i];
            if (!MailboxAddress.TryParse(recipient, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                problems.Add($"{MetricsOptions.Section}:ReportRecipients:{i} '{recipient}' is not an e-mail address.");
            }
        }

        if (options.ReportRecipients.Count > 0 && !mail.Value.IsConfigured)
        {
            problems.Add($"{MetricsOptions.Section}:ReportRecipients is set but mail is not: set {MailOptions.SectionPath}:Host and {MailOptions.SectionPath}:From.");
        }

        // PublicBaseUrl is not checked here: it defaults to Outreach:Dashboard:PublicBaseUrl, which the dashboard checks.
        problems.AddRange(ApiKeyRing.Problems(MetricsOptions.Section, options.ApiKeys));

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
