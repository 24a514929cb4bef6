using System.Text.Json;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Communities;

/// <summary>Reads residents from a file: {"residents": [...]} as the API serves it, a bare array, or JSON Lines (gen_roster.py --format jsonl).</summary>
public static class SnapshotFile
{
    public static IReadOnlyList<SimResident> Load(string path)
    {
        if (Path.GetExtension(path).Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return [.. File.ReadLines(path).Where(line => line.Length > 0).Select(Parse<SimResident>)];
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var residents = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("residents", out var list) ? list
            : throw new InvalidDataException($"{path} is neither {{\"residents\": [...]}} nor an array of residents.");
        return residents.Deserialize<List<SimResident>>(SandboxJson.Options)
            ?? throw new InvalidDataException($"{path} holds no residents.");
    }

    private static T Parse<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, SandboxJson.Options) ?? throw new InvalidDataException("A line holds null.");
}
