using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Hosting;

/// <summary>
/// The configuration every host of a world shares: its database, GL01/GL02 speaking the rest API of the sandbox, GL03/GL04
/// dropping csv files into folders under the world's drop root, quiet logs, fast polling and short adapter retries.
/// </summary>
public static class HubSettings
{
    public const string HashKey = "end-to-end-test-hash-key-long-enough-to-be-valid-0123456789";
    public const string ScrapeToken = "end-to-end-scrape-token-0123456789abcdef";

    public static IReadOnlyList<string> RestCommunities { get; } = ["GL01", "GL02"];

    public static IReadOnlyList<string> CsvCommunities { get; } = ["GL03", "GL04"];

    public static string TokenOf(string community) => $"sandbox-{community}";

    public static Dictionary<string, string?> For(string connectionString, Uri sandboxBaseUrl, string dropRoot)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["Outreach:PersonalData:HashKey"] = HashKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Outreach:Dashboard:LoginRateLimitPerMinute"] = "1000",
            ["Outreach:RunScheduler"] = "false",
            ["Outreach:Hangfire:QueuePollInterval"] = "00:00:01",
            ["Outreach:FileDrops:Root"] = dropRoot,
            ["Outreach:Resilience:RetryBaseDelay"] = "00:00:00.050",
            ["Outreach:Resilience:RetryMaxDelay"] = "00:00:01",
            ["Outreach:Telemetry:ScrapeToken"] = ScrapeToken,
        };
        foreach (var code in RestCommunities)
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"Community {code}";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Rest";
            settings[$"Outreach:Communities:{code}:BaseUrl"] = new Uri(sandboxBaseUrl, $"communities/{code}/").ToString();
            settings[$"Outreach:Communities:{code}:Token"] = TokenOf(code);
            settings[$"Outreach:Communities:{code}:PageSize"] = "100";
        }

        foreach (var code in CsvCommunities)
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"Community {code}";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "2000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(dropRoot, code);
        }

        // Only what a test configures fires: the schedules of the shipped appsettings.json (whatever features add) are off.
        ShippedSchedules.DisableAll(settings);

        return settings;
    }

    /// <summary>The settings as a worker process takes them: environment variables, ':' written as '__'.</summary>
    public static Dictionary<string, string> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
}
