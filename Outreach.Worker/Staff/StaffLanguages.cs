namespace Outreach.Worker.Staff;

/// <summary>The languages a staff member may read the dashboard in, as stored with the account.</summary>
public static class StaffLanguages
{
    public const string Chinese = "zh-Hans";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    /// <summary>The stored spelling of a language the dashboard offers, or null for anything else.</summary>
    public static string? Find(string? language) =>
        All.FirstOrDefault(known => string.Equals(known, language?.Trim(), StringComparison.OrdinalIgnoreCase));
}
