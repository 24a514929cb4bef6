
namespace Outreach.Sandbox.Faults;

/// <summary>What a request or message is, as fault rules match it.</summary>
public readonly record struct FaultTarget(string? Community, string? Route, string? Recipient = null)
{
    /// <summary>An HTTP request: its {code} route value and its endpoint's FaultScope.</summary>
    public static FaultTarget ForEndpoint(HttpContext http) => new(
        http.Request.RouteValues["code"] as string,
        http.GetEndpoint()?.Metadata.GetMetadata<FaultScope>()?.Route);

    /// <summary>A recipient at RCPT, or (null) a whole message at the end of DATA.</summary>
    public static FaultTarget ForMail(string? recipient) => new(null, null, recipient);
}
