namespace Outreach.Worker.Digests.Events;

/// <summary>
/// An event as staff, the API or a feed hand it in, before it is stored. Times are instants; the editor and API read
/// wall-clock times in the library's time zone. <see cref="Problems"/> is what the editor and the API answer with.
/// </summary>
public sealed record EventDraft(
    string Kind,
    string Title,
    string? Summary,
    string? Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string>? Communities,
    int? Capacity,
    string? RegistrationUrl)
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 4000;

    /// <summary>Each problem keyed by the field it is about; empty when the draft can be stored.</summary>
    public IReadOnlyDictionary<string, string> Problems(IReadOnlyCollection<string> knownCommunities)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!EventKinds.IsKnown(Kind))
            problems["kind"] = $"Unknown kind '{Kind}'; one of {string.Join(", ", EventKinds.All.Select(k => k.Code))}.";
        if (string.IsNullOrWhiteSpace(Title))
            problems["title"] = "A title is required.";
        else if (Title.Length > MaxTitle)
            problems["title"] = $"At most {MaxTitle} characters.";
        if (Summary?.Length > MaxSummary)
            problems["summary"] = $"At most {MaxSummary} characters.";
        if (Venue?.Length > MaxTitle)
            problems["venue"] = $"At most {MaxTitle} characters.";
        if (EndsAt < StartsAt)
            problems["ends_at"] = "The end lies before the start.";
        if (Capacity is < 0)
            problems["capacity"] = "Capacity cannot be negative.";
        if (!string.IsNullOrWhiteSpace(RegistrationUrl)
            && (!Uri.TryCreate(RegistrationUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            problems["registration_url"] = "Must be an absolute http(s) link.";
        var unknown = (Communities ?? []).Where(c => !knownCommunities.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            problems["communities"] = $"Unknown communit(ies): {string.Join(", ", unknown)}.";
        return problems;
    }

    /// <summary>The communities in their configured spelling, sorted, without duplicates.</summary>
    public string[] NormalizedCommunities(IReadOnlyCollection<string> knownCommunities) =>
        (Communities ?? [])
            .Select(c => knownCommunities.FirstOrDefault(k => string.Equals(k, c, StringComparison.OrdinalIgnoreCase)) ?? c)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
}

/// <summary>The draft was refused; <see cref="Problems"/> names each field.</summary>
public sealed class EventDraftException(IReadOnlyDictionary<string, string> problems)
    : Exception("The event is incomplete or wrong: " + string.Join(" ", problems.Select(p => $"{p.Key}: {p.Value}")))
{
    public IReadOnlyDictionary<string, string> Problems { get; } = problems;
}
