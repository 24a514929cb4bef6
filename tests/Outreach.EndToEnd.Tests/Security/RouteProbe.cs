using System.Net;
using Outreach.Dashboard.Hangfire;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>Sends one <see cref="RouteCase"/> as a session would, with or without the antiforgery token a browser sends.</summary>
public sealed class RouteProbe(StaffSession session, string tokenPage)
{
    private string? _formToken;
    private (string Header, string Token)? _hangfireToken;

    public async Task<Answer> SendAsync(RouteCase route, bool withToken = true)
    {
        HttpResponseMessage response;
        if (!route.ChangesState)
        {
            response = await session.GetAsync(route.Path);
        }
        else if (route.Kind == RouteKind.HangfireCommand)
        {
            var headers = new Dictionary<string, string> { ["X-Requested-With"] = "XMLHttpRequest" };
            if (withToken && await HangfireTokenAsync() is var (header, token))
            {
                headers[header] = token;
            }

            response = await session.PostFormAsync(route.Path, [KeyValuePair.Create("jobs[]", DashboardRoutes.MissingId)], headers);
        }
        else
        {
            var fields = new List<KeyValuePair<string, string>>();
            if (withToken && await FormTokenAsync() is { } token)
            {
                fields.Add(KeyValuePair.Create("__RequestVerificationToken", token));
            }

            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Path, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(fields),
            };
            response = await session.SendAsync(request);
        }

        using (response)
        {
            return new Answer(route, response.StatusCode, response.Headers.Location?.OriginalString);
        }
    }

    private async Task<string?> FormTokenAsync()
    {
        if (_formToken is null)
        {
            using var page = await session.GetAsync(tokenPage);
            _formToken = page.IsSuccessStatusCode ? Html.FindFormToken(await page.Content.ReadAsStringAsync()) : null;
        }

        return _formToken;
    }

    private async Task<(string Header, string Token)?> HangfireTokenAsync()
    {
        if (_hangfireToken is null)
        {
            using var page = await session.GetAsync(HangfireDashboard.Path);
            _hangfireToken = page.IsSuccessStatusCode ? Html.FindHangfireCsrf(await page.Content.ReadAsStringAsync()) : null;
        }

        return _hangfireToken;
    }
}

/// <summary>What the dashboard answered to one route case.</summary>
public sealed record Answer(RouteCase Route, HttpStatusCode Status, string? Location)
{
    public bool IsLoginRedirect => Status == HttpStatusCode.Redirect && Location is not null
        && new Uri(new Uri("http://dashboard"), Location).AbsolutePath == "/login";

    /// <summary>Let through authorization: not refused with 401, 403 or the login page. (What the handler then made of
    /// an empty form is <see cref="RequestBodyTests"/>' business.)</summary>
    public bool IsAllowed => Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && !IsLoginRedirect;

    /// <summary>Sent to log in: the login page for a browser, 401 (with the login address) for Hangfire's scripts.</summary>
    public bool IsChallenged => IsLoginRedirect || Status == HttpStatusCode.Unauthorized;

    public override string ToString() => $"{Route} -> {(int)Status}{(Location is null ? "" : " " + Location)}";
}
