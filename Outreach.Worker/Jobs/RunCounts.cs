using System.Globalization;
using System.Text.Json;

namespace Outreach.Worker.Jobs;

/// <summary>Turns a run's counts (a JSON object in outreach.job_runs.counts) into key=value pairs.</summary>
public static class RunCounts
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return document.RootElement.EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()))
            .ToList();
    }

    /// <summary>One count of a run as a page shows it: a number with grouped thousands in the reader's culture, else as stored.</summary>
    public static string Display(IReadOnlyList<KeyValuePair<string, string>> counts, string key)
    {
        var value = counts.FirstOrDefault(c => c.Key == key).Value;
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number.ToString("N0", CultureInfo.CurrentCulture) : value ?? "";
    }
}
