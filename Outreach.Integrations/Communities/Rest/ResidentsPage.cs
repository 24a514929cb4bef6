using System.Text.Json;

namespace Outreach.Integrations.Communities.Rest;

/// <summary>One page of <c>GET /api/v1/residents</c>: at most a page size of rows, so it is read whole.</summary>
internal sealed record ResidentsPage(IReadOnlyList<ResidentRow> Rows, string? Next, string? Cursor)
{
    /// <exception cref="JsonException">The body is not JSON or has no residents array.</exception>
    public static async Task<ResidentsPage> ParseAsync(Stream body, long rowsBefore, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("residents", out var residents) || residents.ValueKind != JsonValueKind.Array)
            throw new JsonException("The page has no \"residents\" array.");

        var rows = new List<ResidentRow>(residents.GetArrayLength());
        foreach (var resident in residents.EnumerateArray())
            rows.Add(ToRow(resident, rowsBefore + rows.Count + 1));

        return new ResidentsPage(rows, StringOrNull(root, "next"), StringOrNull(root, "cursor"));
    }

    private static ResidentRow ToRow(JsonElement resident, long rowNumber)
    {
        var rawText = resident.GetRawText();
        if (resident.ValueKind != JsonValueKind.Object)
            return ResidentFields.CreateRow(rowNumber, rawText, _ => null, "resident is not a JSON object");

        string? problem = null;
        var row = ResidentFields.CreateRow(rowNumber, rawText, field =>
        {
            var name = ResidentFields.Of(field).English;
            if (!resident.TryGetProperty(name, out var value))
                return null;
            var (text, valid) = TextOf(value);
            if (!valid)
                problem ??= $"{name} is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a value";
            return text;
        });
        return problem is null ? row : row with { FormatProblem = problem };
    }

    private static (string? Text, bool Valid) TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => (value.GetString(), true),
        JsonValueKind.True => ("true", true),
        JsonValueKind.False => ("false", true),
        JsonValueKind.Number => (value.GetRawText(), true),
        JsonValueKind.Null => (null, true),
        _ => (null, false),
    };

    private static string? StringOrNull(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
