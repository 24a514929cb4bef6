using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Outreach.Dashboard.Hosting;

/// <summary>The Outreach:Dashboard section: where staff reach the dashboard, how sessions and logins are limited.</summary>
public sealed class OutreachDashboardOptions : IValidatableObject
{
    public const string Section = "Outreach:Dashboard";

    /// <summary>The absolute URL staff and residents reach the dashboard at (e.g. https://outreach.example.org); used for links in mail.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Login attempts (POST /login) one client address may make per minute before it gets 429.</summary>
    [Range(1, 1000, ErrorMessage = "Outreach:Dashboard:LoginRateLimitPerMinute must be between 1 and 1000.")]
    public int LoginRateLimitPerMinute { get; set; } = 10;

    /// <summary>How long a staff session lasts without a request (sliding).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the dashboard believes: addresses (127.0.0.1) or
    /// networks (10.0.0.0/24). Empty: the headers are ignored and the client is the connection's address.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>How many proxies in a row to read back through in X-Forwarded-For (1: one proxy in front).</summary>
    [Range(1, 10, ErrorMessage = "Outreach:Dashboard:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>True when <see cref="PublicBaseUrl"/> is https: the session cookie is then sent over https only.</summary>
    public bool RequiresHttps =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query)
                || !string.IsNullOrEmpty(uri.Fragment)))
        {
            yield return new ValidationResult(
                $"Outreach:Dashboard:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http or https URL without query or fragment, e.g. https://outreach.example.org.",
                [nameof(PublicBaseUrl)]);
        }

        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _) && !IPNetwork.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult(
                    $"Outreach:Dashboard:KnownProxies:{i} '{KnownProxies[i]}' is neither an IP address (127.0.0.1) nor a network (10.0.0.0/24).",
                    [nameof(KnownProxies)]);
            }
        }

        if (SessionTimeout < TimeSpan.FromMinutes(5) || SessionTimeout > TimeSpan.FromHours(24))
        {
            yield return new ValidationResult("Outreach:Dashboard:SessionTimeout must be between 00:05:00 and 1.00:00:00.", [nameof(SessionTimeout)]);
        }
    }
}
