
namespace Outreach.Sandbox.Hosting;

/// <summary>The error body every simulated API answers with.</summary>
internal sealed record ApiError(string Error, string Message)
{
    public static IResult Result(int statusCode, string error, string message) =>
        Results.Json(new ApiError(error, message), statusCode: statusCode);
}
