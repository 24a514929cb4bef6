using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Navigation;

namespace Outreach.Dashboard.Hangfire;

/// <summary>
/// Puts the hub's staff pages into Hangfire's navigation menu. Hangfire's menu is process-wide, so each path is
/// added once and every request asks its own application which pages exist and which the user may see.
/// </summary>
internal static class HangfireNavigation
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Installed = new(StringComparer.OrdinalIgnoreCase);

    private const string Stylesheet = "Outreach.Dashboard.wwwroot.css.hangfire.css";

    public static void Install(StaffNavigation navigation)
    {
        lock (Gate)
        {
            // Hangfire's stylesheets are process-wide too: the hub's additions (a menu that may wrap) go in once.
            if (Installed.Add(Stylesheet))
            {
                GlobalConfiguration.Configuration.UseDashboardStylesheet(typeof(HangfireNavigation).Assembly, Stylesheet);
            }

            // Hangfire's own pages are there already, and its "Back to site" link (AppPath) is the hub's home.
            foreach (var page in navigation.Pages.Where(p => p.Path != "/" && !p.Path.StartsWith(HangfireDashboard.Path, StringComparison.OrdinalIgnoreCase)))
            {
                if (Installed.Add(page.Path))
                {
                    var path = page.Path;
                    NavigationMenu.Items.Add(razorPage => MenuItemFor(razorPage, path));
                }
            }
        }
    }

    // Hangfire skips a null item: the page is hidden from this user or not part of this application.
    private static MenuItem MenuItemFor(RazorPage razorPage, string path)
    {
        var http = razorPage.Context.GetHttpContext();
        var page = http.RequestServices.GetService<StaffNavigation>()?.Find(path);
        if (page is null || !page.IsVisibleTo(http.User))
        {
            return null!;
        }

        // PathBase is "<app base>/hangfire" inside the dashboard: the hub's pages live at the app base.
        var pathBase = http.Request.PathBase.Value ?? "";
        var appBase = pathBase.EndsWith(HangfireDashboard.Path, StringComparison.OrdinalIgnoreCase)
            ? pathBase[..^HangfireDashboard.Path.Length]
            : pathBase;
        var title = http.RequestServices.GetService<IStringLocalizer<NavigationText>>()?[page.Title].Value ?? page.Title;
        return new MenuItem(title, appBase + page.Path);
    }
}
