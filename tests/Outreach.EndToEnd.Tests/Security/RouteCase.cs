using Microsoft.AspNetCore.Http;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>How a state-changing request is made: a Razor Pages form, a minimal API call, or a Hangfire dashboard command.</summary>
public enum RouteKind
{
    Page,
    Endpoint,
    HangfireCommand,
}

/// <summary>
/// One request the dashboard answers: a path with sample route values, its method, and what its endpoint declares
/// (anonymous access, the policy it requires). State-changing cases are every method but GET and HEAD.
/// </summary>
public sealed record RouteCase(string Path, string Method, RouteKind Kind, string Pattern, bool DeclaresAnonymous, string? DeclaredPolicy)
{
    public bool ChangesState => !HttpMethods.IsGet(Method) && !HttpMethods.IsHead(Method);

    public Access Access => RouteRules.AccessOf(Path);

    public override string ToString() => $"{Method} {Path}";
}
