using System.Net;
using Xunit;

namespace Outreach.Testing.Staff;

/// <summary>
/// A browser-like HTTP client: keeps cookies, does not follow redirects (tests look at them), posts forms with tokens.
/// It asks for pages in the language given (Accept-Language), English unless a test reads the Chinese pages.
/// </summary>
public sealed class StaffSession : IDisposable
{
    public const string English = "en";

    private readonly HttpClient _http;

    public StaffSession(Uri baseAddress, string? language = English)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (language is not null)
        {
            _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
    }

    public CookieContainer Cookies { get; }

    public Uri BaseAddress => _http.BaseAddress!;

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>A page that must answer 200; its HTML.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}, not 200.");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The antiforgery token of this session, as the form on <paramref name="page"/> carries it.</summary>
    public async Task<string> FormTokenAsync(string page = "/") =>
        Html.FindFormToken(await PageAsync(page)) ?? throw new InvalidOperationException($"{page} has no form with an antiforgery token.");

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return _http.SendAsync(request);
    }

    /// <summary>Posts a form as the browser would: with the antiforgery token of the page at <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await FormTokenAsync(formPage);
        return await PostFormAsync(action,
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
    }

    /// <summary>Posts to a Hangfire endpoint as its scripts do: the token from the page's meta tags in the header.</summary>
    public async Task<HttpResponseMessage> HangfirePostAsync(string fromPage, string endpoint, params (string Name, string Value)[] fields)
    {
        var (header, token) = Html.FindHangfireCsrf(await PageAsync(fromPage)) ?? throw new InvalidOperationException($"{fromPage} carries no Hangfire token.");
        return await PostFormAsync(endpoint, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
            new Dictionary<string, string> { [header] = token, ["X-Requested-With"] = "XMLHttpRequest" });
    }

    public Task<HttpResponseMessage> LoginAsync(string username, string password = TestAccounts.Password, string? returnUrl = null) =>
        SubmitAsync(returnUrl is null ? "/login" : $"/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "/login",
            ("Input.Username", username), ("Input.Password", password), ("ReturnUrl", returnUrl ?? ""));

    /// <summary>Logs in and checks that it worked.</summary>
    public async Task<StaffSession> SignedInAsync(string username)
    {
        using var response = await LoginAsync(username);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Login of {username} answered {(int)response.StatusCode}, not a redirect.");
        return this;
    }

    public void Dispose() => _http.Dispose();
}
