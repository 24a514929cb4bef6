using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Mail;

internal sealed class BounceMailboxOptionsValidator : IValidateOptions<BounceMailboxOptions>
{
    private const string S = BounceMailboxOptions.SectionPath;

    public ValidateOptionsResult Validate(string? name, BounceMailboxOptions options)
    {
        var failures = new List<string>();
        if (options.IsConfigured)
        {
            if (options.Port is < 1 or > 65535)
                failures.Add($"{S}:Port must be between 1 and 65535");
            if (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrWhiteSpace(options.Password))
                failures.Add($"{S}:Username and {S}:Password are required when {S}:Host is set");
            if (string.IsNullOrWhiteSpace(options.Folder))
                failures.Add($"{S}:Folder must name a folder, e.g. INBOX");
        }

        if (options.MaxMessagesPerRun is < 1 or > 100_000)
            failures.Add($"{S}:MaxMessagesPerRun must be between 1 and 100000");
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:Timeout must be between 00:00:01 and 00:10:00");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
