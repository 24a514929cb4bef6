using System.Net;
using Outreach.Dashboard.Staff;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>
/// Every route of the dashboard, as anonymous, viewer, operator and admin. Expectations come from the route's prefix
/// (<see cref="RouteRules"/>); each test reports every route that broke them, not only the first.
/// </summary>
[Collection(DashboardRoutesGroup.Name)]
public sealed class AuthorizationMatrixTests(MatrixWorld matrix)
{
    private HubWorld World => matrix.World;

    [Fact]
    public void The_matrix_covers_the_staff_pages_their_forms_and_the_hangfire_commands()
    {
        var routes = matrix.Routes.Select(r => r.ToString()).ToList();

        Assert.Contains("GET /", routes);
        Assert.Contains("GET /hangfire", routes);
        Assert.Contains("POST /schedules?handler=RunNow", routes);
        Assert.Contains("POST /staff", routes);
        Assert.Contains("POST /hangfire/jobs/failed/requeue", routes);
        Assert.Contains($"POST /hangfire/jobs/actions/requeue/{DashboardRoutes.MissingId}", routes);
    }

    [Fact]
    public void Every_endpoint_open_to_anonymous_lies_under_the_allow_list()
    {
        var strays = matrix.Routes.Where(r => r.DeclaresAnonymous && r.Access is not (Access.Anonymous or Access.Machine)).ToList();

        Assert.True(strays.Count == 0, "Anonymous outside the allow-list: " + string.Join(", ", strays));
    }

    [Fact]
    public async Task Anonymous_visitors_reach_only_the_allow_list_and_are_sent_to_login_or_get_401_elsewhere()
    {
        using var session = World.NewSession();
        var probe = new RouteProbe(session, AnonymousRoutes.Login);
        var failures = new List<string>();

        foreach (var route in matrix.Routes)
        {
            var answer = await probe.SendAsync(route);
            var ok = route.Access switch
            {
                Access.Anonymous => answer.IsAllowed,
                // Without its credentials a machine route refuses: 401/403, or 503 while its integration is not configured.
                Access.Machine => answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.ServiceUnavailable,
                _ => answer.IsChallenged,
            };
            Expect(ok, answer, route.Access switch { Access.Anonymous => "open", Access.Machine => "401, 403 or 503", _ => "login redirect or 401" }, failures);
        }

        AssertNone(failures);
    }

    [Fact]
    public async Task Viewers_read_the_staff_pages_and_every_state_changing_request_gets_403()
    {
        var failures = await AsStaffAsync(TestAccounts.Viewer, StaffRole.Viewer);

        AssertNone(failures);
    }

    [Fact]
    public async Task Operators_may_change_jobs_and_runs_but_admin_pages_answer_403()
    {
        var failures = await AsStaffAsync(TestAccounts.Operator, StaffRole.Operator);

        AssertNone(failures);
    }

    [Fact]
    public async Task Admins_reach_everything_a_route_offers()
    {
        var failures = await AsStaffAsync(TestAccounts.Admin, StaffRole.Admin);

        AssertNone(failures);
    }

    private async Task<List<string>> AsStaffAsync(string username, StaffRole role)
    {
        var failures = new List<string>();
        var session = await World.SignedInAsync(username);
        try
        {
            var probe = new RouteProbe(session, "/");
            // Ending the session comes last: every other request needs it.
            foreach (var route in matrix.Routes.Where(r => r.Access is not (Access.Anonymous or Access.Machine)).OrderBy(r => r.Access == Access.Session))
            {
                var answer = await probe.SendAsync(route);
                var refusedBecause = RefusalExpected(route, role);
                if (route.Access == Access.Session)
                {
                    // Logging out sends the browser to the login page: that is the route doing its job.
                    Expect(answer.IsAllowed || answer.IsLoginRedirect, answer, "allowed", failures);
                }
                else if (refusedBecause is null)
                {
                    Expect(answer.IsAllowed, answer, "allowed", failures);
                }
                else
                {
                    Expect(answer.Status == HttpStatusCode.Forbidden, answer, $"403 ({refusedBecause})", failures);
                }
            }
        }
        finally
        {
            session.Dispose();
        }

        return failures;
    }

    // Why this role must be refused this route, or null when it may use it.
    private static string? RefusalExpected(RouteCase route, StaffRole role) => route.Access switch
    {
        Access.Admin when role != StaffRole.Admin => "admin only",
        Access.Operator when role == StaffRole.Viewer => "operators only",
        Access.Staff when role == StaffRole.Viewer && route.ChangesState => "viewers change nothing",
        Access.Staff when role == StaffRole.Viewer && route.DeclaredPolicy is StaffPolicies.Operator or StaffPolicies.Admin => "declared " + route.DeclaredPolicy,
        Access.Staff when role == StaffRole.Operator && route.DeclaredPolicy == StaffPolicies.Admin => "declared admin",
        _ => null,
    };

    private static void Expect(bool ok, Answer answer, string expected, List<string> failures)
    {
        if (!ok)
        {
            failures.Add($"{answer} (expected {expected})");
        }
    }

    private static void AssertNone(List<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} route(s) broke the matrix:\n" + string.Join("\n", failures));
}
