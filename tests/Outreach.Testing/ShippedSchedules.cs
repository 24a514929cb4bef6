using Microsoft.Extensions.Configuration;

namespace Outreach.Testing;

/// <summary>The schedules of the shipped appsettings.json, so a test host fires only what the test configures.</summary>
public static class ShippedSchedules
{
    public static IEnumerable<string> Names() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .Build()
            .GetSection("Outreach:Schedules")
            .GetChildren()
            .Select(s => s.Key);

    /// <summary>Turns every shipped schedule off in these settings.</summary>
    public static void DisableAll(IDictionary<string, string?> settings)
    {
        foreach (var schedule in Names())
        {
            settings[$"Outreach:Schedules:{schedule}:Enabled"] = "false";
        }
    }
}
