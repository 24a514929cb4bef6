using System.ComponentModel.DataAnnotations;

namespace Outreach.Dashboard.Orders;

/// <summary>
/// The partner systems (e.g. a community portal) that may send book requests to the intake API, each with its own API
/// key: Outreach:Orders:Partners:{name}:ApiKey. A partner sees and repeats only its own requests.
/// </summary>
public sealed class IntakePartnersOptions : IValidatableObject
{
    public const string Section = "Outreach:Orders";
    public const int MinimumKeyLength = 24;

    public Dictionary<string, IntakePartner> Partners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, partner) in Partners)
        {
            var key = $"{Section}:Partners:{name}";
            if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                yield return new ValidationResult($"{key} is not a partner name: use letters, digits, hyphens and underscores (up to 64).");
            }

            if (partner.ApiKey is not { Length: >= MinimumKeyLength })
            {
                yield return new ValidationResult($"{key}:ApiKey must be at least {MinimumKeyLength} characters (a random secret).");
            }
        }

        var keys = Partners.Values.Select(p => p.ApiKey).Where(k => k is not null).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            yield return new ValidationResult($"{Section}:Partners: two partners share an ApiKey; each needs its own.");
        }
    }
}

public sealed class IntakePartner
{
    /// <summary>A secret: never logged.</summary>
    public string? ApiKey { get; set; }
}
