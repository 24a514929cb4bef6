using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Hosting;
using Outreach.Worker.Staff;

namespace Outreach.Bench.Pages;

/// <summary>The real dashboard started on loopback, with a viewer signed in as a browser would be: times its pages and APIs.</summary>
public sealed partial class DashboardSession : IAsyncDisposable
{
    private const string Username = "bench-viewer";
    private const string Password = "bench viewer password 0123456789";

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private DashboardSession(WebApplication app, HttpClient http)
    {
        _app = app;
        _http = http;
    }

    public static async Task<DashboardSession> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken)
    {
        var app = DashboardApp.Build([], settings);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<StaffStore>().CreateAsync(Username, "Benchmark viewer", StaffRole.Viewer, Password, null, cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var session = new DashboardSession(app, http);
        await session.SignInAsync(cancellationToken);
        return session;
    }

    /// <summary>One GET, with headers; fails unless it answers 200 with a body that contains <paramref name="expected"/>.</summary>
    public async Task<double> GetAsync(string path, string expected, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        var timer = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = timer.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} without '{expected}'.");
        }

        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task SignInAsync(CancellationToken cancellationToken)
    {
        var login = await _http.GetStringAsync(new Uri("/login", UriKind.Relative), cancellationToken);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = Username,
            ["Input.Password"] = Password,
            ["ReturnUrl"] = "",
            ["__RequestVerificationToken"] = token,
        });
        using var response = await _http.PostAsync(new Uri("/login", UriKind.Relative), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The benchmark's viewer could not sign in ({(int)response.StatusCode}).");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
