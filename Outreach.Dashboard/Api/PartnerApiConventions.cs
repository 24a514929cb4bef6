using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Outreach.Dashboard.Api;

/// <summary>
/// How an endpoint of a partner API describes itself in the OpenAPI document, beside its own mapping: the body it takes
/// with an example, each answer and refusal with its body and an example, and the key it requires.
/// </summary>
internal static class PartnerApiConventions
{
    private const string Json = "application/json";

    /// <summary>
    /// The JSON body the endpoint reads (it reads it itself), with an example written the way the endpoint reads it. Not
    /// as Accepts metadata: routing would then answer a body of another type itself (415 before the key is checked,
    /// under the staff login's fallback), where the endpoint's own filter gives the documented answer.
    /// </summary>
    public static RouteHandlerBuilder Takes<TBody>(this RouteHandlerBuilder builder, TBody example, JsonSerializerOptions options)
        where TBody : notnull
    {
        var node = JsonSerializer.SerializeToNode(example, options);
        return builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken);
            IOpenApiSchema reference = schema;
            if (context.Document is { } document)
            {
                document.Components ??= new OpenApiComponents();
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas.TryAdd(typeof(TBody).Name, schema);
                reference = new OpenApiSchemaReference(typeof(TBody).Name, document);
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = reference, Example = node?.DeepClone() } },
            };
        });
    }

    /// <summary>A success answer with its body and an example of it (null: no body, as 204).</summary>
    public static RouteHandlerBuilder Answers<TAnswer>(this RouteHandlerBuilder builder, int status, string description, TAnswer example,
        JsonSerializerOptions options) =>
        builder.Produces<TAnswer>(status, Json).Explain(status, description, JsonSerializer.SerializeToNode(example, options));

    /// <summary>An answer without a body.</summary>
    public static RouteHandlerBuilder AnswersEmpty(this RouteHandlerBuilder builder, int status, string description) =>
        builder.Produces(status).Explain(status, description, null);

    /// <summary>A refusal: its status, when it happens, and an example of its body.</summary>
    public static TBuilder Refuses<TBuilder, TError>(this TBuilder builder, int status, string description, TError example)
        where TBuilder : IEndpointConventionBuilder
        where TError : notnull =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(TError), [Json]))
            .Explain(status, description, JsonSerializer.SerializeToNode(example));

    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, string description, string error, string message)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(status, description, new ApiError(error, message));

    /// <summary>Every endpoint of the group takes one of the keys of <paramref name="scheme"/> in the X-Api-Key header; 401 otherwise.</summary>
    public static TBuilder RequiresKey<TBuilder>(this TBuilder builder, string scheme, string refusal)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(StatusCodes.Status401Unauthorized, "缺少或无效的 API 密钥。 / The X-Api-Key header is missing or holds no valid key.",
                "unauthorized", refusal)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
                return Task.CompletedTask;
            });

    private static TBuilder Explain<TBuilder>(this TBuilder builder, int status, string description, JsonNode? example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var response) == true)
            {
                response.Description = description;
                if (example is not null && response.Content?.TryGetValue(Json, out var media) == true)
                {
                    // A node has one parent: every generated document gets its own copy.
                    media.Example = example.DeepClone();
                }
            }

            return Task.CompletedTask;
        });
}
