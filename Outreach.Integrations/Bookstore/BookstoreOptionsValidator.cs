using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Bookstore;

/// <summary>Stops the host at start when the bookstore is configured wrongly, naming the key to fix.</summary>
internal sealed class BookstoreOptionsValidator : IValidateOptions<BookstoreOptions>
{
    // Shorter secrets are guessable offline from one captured webhook call.
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, BookstoreOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{BookstoreOptions.KeyOf(nameof(options.BaseUrl))} '{options.BaseUrl}' must be an absolute http or https address");
            }

            if (string.IsNullOrWhiteSpace(options.Token))
            {
                failures.Add($"{BookstoreOptions.KeyOf(nameof(options.Token))} is required when {BookstoreOptions.KeyOf(nameof(options.BaseUrl))} is set");
            }
        }

        if (options.WebhookSecret is { } secret && secret.Length > 0 && secret.Length < MinimumSecretLength)
        {
            failures.Add($"{BookstoreOptions.KeyOf(nameof(options.WebhookSecret))} must be at least {MinimumSecretLength} characters");
        }

        if (options.ChangesPageSize is < 1 or > BookstoreOptions.MaxChangesPageSize)
        {
            failures.Add($"{BookstoreOptions.KeyOf(nameof(options.ChangesPageSize))} must be between 1 and {BookstoreOptions.MaxChangesPageSize}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
