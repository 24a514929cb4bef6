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

    public static string Format(IReadOnlyList<KeyValuePair<string, string>> counts) =>
        string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}"));
}
