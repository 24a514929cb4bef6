using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Telemetry;

/// <summary>The Outreach:Telemetry section: where Prometheus scrapes the hub's operations metrics.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Outreach:Telemetry";

    /// <summary>The shortest scrape token accepted: a guessable token would open the metrics to anyone.</summary>
    public const int MinimumTokenLength = 24;

    /// <summary>
    /// The worker's scrape port on 127.0.0.1 (GET /metrics); unset: the worker serves no metrics. The dashboard ignores it:
    /// it serves /metrics/prometheus on its own address, behind the staff login or the scrape token.
    /// </summary>
    public int? PrometheusPort { get; set; }

    /// <summary>
    /// A bearer token for Prometheus (Authorization: Bearer ...). The dashboard's endpoint then answers it without a staff
    /// session; the worker's loopback port requires it. Unset: only signed-in operators read the dashboard's metrics.
    /// </summary>
    public string? ScrapeToken { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PrometheusPort is < 1 or > 65535)
        {
            yield return new ValidationResult($"{Section}:PrometheusPort must be between 1 and 65535, not {PrometheusPort}.", [nameof(PrometheusPort)]);
        }

        if (ScrapeToken is not null && (ScrapeToken.Length < MinimumTokenLength || ScrapeToken.Any(char.IsWhiteSpace)))
        {
            // The value is a secret: the message names the key, never the token.
            yield return new ValidationResult(
                $"{Section}:ScrapeToken must be at least {MinimumTokenLength} characters without spaces (e.g. 32 random bytes in base64).",
                [nameof(ScrapeToken)]);
        }
    }
}
