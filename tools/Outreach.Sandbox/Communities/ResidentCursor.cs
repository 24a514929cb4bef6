using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Sandbox.Communities;

/// <summary>
/// What an opaque cursor stands for. A changes cursor means "after version V" (bounded by the run's upper version
/// while paging); a snapshot cursor continues a full snapshot after a resident_id, keeping the run's version and,
/// when the snapshot was truncated by a fault, where the truncated run ends.
/// </summary>
internal sealed record ResidentCursor(
    [property: JsonPropertyName("c")] string Community,
    [property: JsonPropertyName("e")] string Epoch,
    [property: JsonPropertyName("k")] char Kind,
    [property: JsonPropertyName("v")] long Version,
    [property: JsonPropertyName("a")] string? AfterId = null,
    [property: JsonPropertyName("l")] string? LastId = null,
    [property: JsonPropertyName("u")] long? UpTo = null)
{
    public const char Changes = 'c';
    public const char Snapshot = 's';

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    public static bool TryDecode(string text, [NotNullWhen(true)] out ResidentCursor? cursor)
    {
        cursor = null;
        try
        {
            cursor = JsonSerializer.Deserialize<ResidentCursor>(Base64Url.DecodeFromChars(text), Json);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }

        return cursor is { Kind: Changes or Snapshot, Version: >= 0 } && cursor.Community is not null && cursor.Epoch is not null;
    }
}
