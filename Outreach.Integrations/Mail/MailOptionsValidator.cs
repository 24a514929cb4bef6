using Microsoft.Extensions.Options;
using MimeKit;

namespace Outreach.Integrations.Mail;

/// <summary>Stops the host at start when mail is configured wrongly, naming the key to fix.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    private const string S = MailOptions.SectionPath;

    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        if (options.IsConfigured)
        {
            if (options.Port is < 1 or > 65535)
                failures.Add($"{S}:Port must be between 1 and 65535");
            if (!IsAddress(options.From))
                failures.Add($"{S}:From is required when {S}:Host is set: the address digests come from, e.g. library@example.edu.cn");
            if (!string.IsNullOrWhiteSpace(options.ReplyTo) && !IsAddress(options.ReplyTo))
                failures.Add($"{S}:ReplyTo '{options.ReplyTo}' is not an email address");
            if (!string.IsNullOrWhiteSpace(options.BounceAddress) && !IsAddress(options.BounceAddress))
                failures.Add($"{S}:BounceAddress '{options.BounceAddress}' is not an email address");
            if (string.IsNullOrWhiteSpace(options.Username) != string.IsNullOrWhiteSpace(options.Password))
                failures.Add($"{S}:Username and {S}:Password go together: set both or neither");
        }

        if (options.Connections is < 1 or > 64)
            failures.Add($"{S}:Connections must be between 1 and 64");
        if (options.MessagesPerConnection is < 1 or > 100_000)
            failures.Add($"{S}:MessagesPerConnection must be between 1 and 100000");
        if (options.MessagesPerSecond is < 0 or > 100_000 || double.IsNaN(options.MessagesPerSecond))
            failures.Add($"{S}:MessagesPerSecond must be between 0 (no limit) and 100000");
        if (options.MessageTimeout < TimeSpan.FromSeconds(1) || options.MessageTimeout > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:MessageTimeout must be between 00:00:01 and 00:10:00");
        if (options.TransientRetries is < 0 or > 10)
            failures.Add($"{S}:TransientRetries must be between 0 and 10");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
            failures.Add($"{S}:RetryDelay must be between 00:00:00 and 00:01:00");

        var dkim = options.Dkim;
        if (dkim.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(dkim.Domain))
                failures.Add($"{S}:Dkim:Domain is required when {S}:Dkim:PrivateKeyPath is set");
            if (string.IsNullOrWhiteSpace(dkim.Selector))
                failures.Add($"{S}:Dkim:Selector is required when {S}:Dkim:PrivateKeyPath is set");
            if (!File.Exists(dkim.PrivateKeyPath))
                failures.Add($"{S}:Dkim:PrivateKeyPath '{dkim.PrivateKeyPath}' does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailboxAddress.TryParse(value, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
