using System.Net;
using Outreach.Dashboard.Staff;
using Outreach.EndToEnd.Tests.Hosting;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>Every state-changing request a staff session can make carries the session's antiforgery token, or is refused.</summary>
[Collection(DashboardRoutesGroup.Name)]
public sealed class AntiforgeryTests(MatrixWorld matrix)
{
    private HubWorld World => matrix.World;

    // Cookie sessions are what a forged cross-site request would ride on; machine routes carry their own credentials
    // and the anonymous ones hold no session (the login form still guards against login CSRF).
    private IEnumerable<RouteCase> SessionPosts => matrix.Routes.Where(r => r.ChangesState
        && (r.Access is Access.Staff or Access.Session or Access.Operator or Access.Admin || r.Path.StartsWith(AnonymousRoutes.Login, StringComparison.Ordinal)));

    [Fact]
    public async Task Every_state_changing_post_without_its_token_is_refused_even_for_an_admin()
    {
        var failures = new List<string>();
        using var admin = await World.SignedInAsync(TestAccounts.Admin);
        var probe = new RouteProbe(admin, "/");
        var staffBefore = await World.CountAsync("SELECT count(*) FROM outreach.staff");

        foreach (var route in SessionPosts)
        {
            var answer = await probe.SendAsync(route, withToken: false);
            // Razor Pages answer a missing token with 400; Hangfire's dashboard checks its header token itself and answers 403.
            var expected = route.Kind == RouteKind.HangfireCommand ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest;
            if (answer.Status != expected)
            {
                failures.Add($"{answer} (expected {(int)expected})");
            }
        }

        Assert.True(failures.Count == 0, "Accepted without a token:\n" + string.Join("\n", failures));
        Assert.Equal(staffBefore, await World.CountAsync("SELECT count(*) FROM outreach.staff"));
        await admin.PageAsync("/");
    }

    [Fact]
    public async Task A_token_taken_from_another_staff_session_is_refused()
    {
        var failures = new List<string>();
        using var admin = await World.SignedInAsync(TestAccounts.Admin);
        using var @operator = await World.SignedInAsync(TestAccounts.Operator);
        var adminsToken = await admin.FormTokenAsync();

        // Admin-only routes would refuse the operator before any token is read.
        foreach (var route in SessionPosts.Where(r => r.Kind != RouteKind.HangfireCommand && r.Access != Access.Admin))
        {
            using var response = await @operator.PostFormAsync(route.Path, [KeyValuePair.Create("__RequestVerificationToken", adminsToken)]);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{route} -> {(int)response.StatusCode} (expected 400)");
            }
        }

        Assert.True(failures.Count == 0, "Accepted with another session's token:\n" + string.Join("\n", failures));
    }
}
