using System.Text.Json;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Faults;

/// <summary>Fault injection over HTTP, for the demo and for tests that run the sandbox out of process.</summary>
internal static class FaultApi
{
    public static IEndpointRouteBuilder MapFaultApi(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/_sandbox/faults");
        faults.MapGet("/", (FaultInjector injector) => Results.Json(injector.Active));
        faults.MapPost("/", PostAsync);
        faults.MapDelete("/", (FaultInjector injector) =>
        {
            injector.Clear();
            return Results.NoContent();
        });
        faults.MapDelete("/{id:int}", (int id, FaultInjector injector) => injector.Remove(id)
            ? Results.NoContent()
            : ApiError.Result(StatusCodes.Status404NotFound, "unknown_fault", $"No fault {id} is in force."));
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, FaultInjector injector, CancellationToken cancellationToken)
    {
        FaultRule? rule;
        try
        {
            rule = await JsonSerializer.DeserializeAsync<FaultRule>(request.Body, SandboxJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_fault", e.Message);
        }

        if ((rule is null ? "a fault rule is required." : rule.Problem()) is { } problem)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_fault", problem);
        }

        var active = injector.Add(rule!);
        return Results.Json(active, statusCode: StatusCodes.Status201Created);
    }
}
