using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.Dashboard.Api;

/// <summary>A field of a body or answer as the reference page lists it.</summary>
public sealed record ReferenceField(string Name, string Type, bool Required, string Description, IReadOnlyList<string> Codes);

/// <summary>A parameter in the path or the query.</summary>
public sealed record ReferenceParameter(string Name, string In, string Type, bool Required, string Description);

/// <summary>One answer of an operation: its status, when, the shape of its body and an example.</summary>
public sealed record ReferenceResponse(string Status, string Description, string? Shape, string? Example);

/// <summary>One operation: method, path, what it does, the key it takes, its parameters, body and answers.</summary>
public sealed record ReferenceOperation(string Method, string Path, string Tag, string Summary, string Description, string? KeyScheme,
    IReadOnlyList<ReferenceParameter> Parameters, string? BodyShape, string? BodyExample, IReadOnlyList<ReferenceResponse> Responses);

/// <summary>A named shape of the document with its fields.</summary>
public sealed record ReferenceSchema(string Name, string Description, IReadOnlyList<ReferenceField> Fields);

/// <summary>
/// The partner API reference read from the generated OpenAPI document, for a server-rendered page: what a partner
/// reads without tools (the machine is offline, so no UI is fetched from a CDN) and what it always agrees with.
/// </summary>
public sealed class PartnerApiReference
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private PartnerApiReference(JsonObject document)
    {
        var info = document["info"]!;
        Title = Text(info["title"]);
        Description = Text(info["description"]);
        Keys = (document["components"]?["securitySchemes"] as JsonObject ?? [])
            .Select(s => (s.Key, Text(s.Value?["name"]), Text(s.Value?["description"]))).ToList();
        Tags = (document["tags"] as JsonArray ?? []).Select(t => (Text(t?["name"]), Text(t?["description"]))).ToList();
        Operations = (document["paths"] as JsonObject ?? [])
            .SelectMany(path => Methods.Where(m => path.Value?[m] is not null).Select(m => Operation(path.Key, m, path.Value![m]!.AsObject())))
            .ToList();
        Schemas = (document["components"]?["schemas"] as JsonObject ?? [])
            .Select(s => new ReferenceSchema(s.Key, Text(s.Value?["description"]), Fields(s.Value!.AsObject()))).ToList();
    }

    public string Title { get; }

    public string Description { get; }

    public IReadOnlyList<(string Scheme, string Header, string Description)> Keys { get; }

    public IReadOnlyList<(string Name, string Description)> Tags { get; }

    public IReadOnlyList<ReferenceOperation> Operations { get; }

    public IReadOnlyList<ReferenceSchema> Schemas { get; }

    public static PartnerApiReference Read(string json) => new(JsonNode.Parse(json)!.AsObject());

    private static ReferenceOperation Operation(string path, string method, JsonObject operation)
    {
        var body = operation["requestBody"]?["content"]?["application/json"];
        var scheme = (operation["security"] as JsonArray)?.FirstOrDefault()?.AsObject().FirstOrDefault().Key;
        var parameters = (operation["parameters"] as JsonArray ?? []).Select(p => new ReferenceParameter(Text(p?["name"]), Text(p?["in"]),
            TypeOf(p?["schema"]), p?["required"]?.GetValue<bool>() == true, Text(p?["description"]))).ToList();
        var responses = (operation["responses"] as JsonObject ?? []).Select(r =>
        {
            var media = r.Value?["content"]?["application/json"];
            return new ReferenceResponse(r.Key, Text(r.Value?["description"]), media is null ? null : TypeOf(media["schema"]),
                media?["example"] is { } example ? example.ToJsonString(Pretty) : null);
        }).ToList();
        return new ReferenceOperation(method.ToUpperInvariant(), path, Text((operation["tags"] as JsonArray)?.FirstOrDefault()), Text(operation["summary"]),
            Text(operation["description"]), scheme, parameters, body is null ? null : TypeOf(body["schema"]), body?["example"]?.ToJsonString(Pretty),
            responses);
    }

    private static List<ReferenceField> Fields(JsonObject schema)
    {
        var required = (schema["required"] as JsonArray ?? []).Select(r => Text(r)).ToHashSet(StringComparer.Ordinal);
        return (schema["properties"] as JsonObject ?? []).Select(p => new ReferenceField(p.Key, TypeOf(p.Value), required.Contains(p.Key),
            Text(p.Value?["description"]), (p.Value?["enum"] as JsonArray ?? []).Select(e => Text(e)).ToList())).ToList();
    }

    /// <summary>A short name of a schema: its type (nullable shown with ?), array of, map of, or the referenced shape.</summary>
    public static string TypeOf(JsonNode? schema)
    {
        if (schema is null)
        {
            return "any";
        }

        if (schema["$ref"] is { } reference)
        {
            return Text(reference).Split('/')[^1];
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => Text(t)).ToList(),
            JsonValue one => [Text(one)],
            _ => [],
        };
        var nullable = types.Remove("null");
        var type = types.FirstOrDefault() switch
        {
            "array" => $"array<{TypeOf(schema["items"])}>",
            "object" when schema["additionalProperties"] is { } values => $"map<string, {TypeOf(values)}>",
            null => schema["oneOf"] is JsonArray choices ? string.Join(" | ", choices.Select(TypeOf)) : "any",
            var name => schema["format"] is { } format ? string.Create(CultureInfo.InvariantCulture, $"{name} ({Text(format)})") : name,
        };
        return nullable ? type + "?" : type;
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";
}
