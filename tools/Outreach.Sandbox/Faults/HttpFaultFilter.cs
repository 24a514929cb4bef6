using System.Globalization;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Faults;

/// <summary>Applies the HTTP faults in force to a simulated API's request before it reaches the endpoint.</summary>
internal sealed partial class HttpFaultFilter(FaultInjector faults, TimeProvider time, ILogger<HttpFaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var target = FaultTarget.ForEndpoint(http);
        if (faults.TryConsume(target, FaultKind.Delay) is { } delay)
        {
            Log.Injected(logger, delay.Kind, target.Route, target.Community);
            await Task.Delay(TimeSpan.FromMilliseconds(delay.DelayMs), time, http.RequestAborted);
        }

        var fault = faults.TryConsume(target, FaultKind.ServerError, FaultKind.TooManyRequests, FaultKind.DropConnection);
        if (fault is null)
        {
            return await next(context);
        }

        Log.Injected(logger, fault.Kind, target.Route, target.Community);
        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ApiError.Result(StatusCodes.Status429TooManyRequests, "too_many_requests", "Slow down (sandbox fault).");
            case FaultKind.DropConnection:
                http.Abort();
                return Results.Empty;
            default:
                return ApiError.Result(StatusCodes.Status500InternalServerError, "internal_error", "Something broke (sandbox fault).");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Injected {Kind} into {Route} of {Community}")]
        public static partial void Injected(ILogger logger, FaultKind kind, string? route, string? community);
    }
}
