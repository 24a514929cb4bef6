using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.Bench.Metrics;

/// <summary>Starts the dashboard on loopback, signs a viewer in as a browser would, and times a page: median and worst.</summary>
public static partial class MetricsPageTimer
{
    private const string Username = "bench-viewer";
    private const string Password = "bench viewer password 0123456789";

    public static async Task<(double Median, double Worst)> MeasureAsync(IEnumerable<KeyValuePair<string, string?>> settings, string path, int requests,
        CancellationToken cancellationToken)
    {
        await using var app = DashboardApp.Build([], settings);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        try
        {
            await app.Services.GetRequiredService<StaffDirectory>().CreateAsync(Username, "Benchmark viewer", StaffRole.Viewer, Password, null, cancellationToken);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
            await SignInAsync(http, cancellationToken);

            using (var warm = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken))
            {
                warm.EnsureSuccessStatusCode();
            }

            var times = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                var timer = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                times.Add(timer.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK || !body.Contains("<svg", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} without the charts.");
                }
            }

            times.Sort();
            Console.WriteLine($"  GET {path}: median {times[times.Count / 2]:F1} ms, worst {times[^1]:F1} ms over {requests} requests");
            return (times[times.Count / 2], times[^1]);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task SignInAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var login = await http.GetStringAsync(new Uri("/login", UriKind.Relative), cancellationToken);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = Username,
            ["Input.Password"] = Password,
            ["ReturnUrl"] = "",
            ["__RequestVerificationToken"] = token,
        });
        using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The benchmark's viewer could not sign in ({(int)response.StatusCode}).");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
