using Microsoft.Playwright;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's chromium driven by Playwright, headless; nothing is downloaded. Each test gets a fresh context (no shared
/// cookies) through <see cref="RunAsync(Uri, string, Func{IPage, Task})"/>, which keeps a screenshot under TestResults/screenshots when the test fails.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotFolder => Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots");

    /// <summary>The staff's screens: every page must fit this width.</summary>
    public const int ScreenWidth = 1366;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: run ./outreach setup (or apt-get install chromium).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Runs <paramref name="test"/> on a new page of its own context; on failure saves a screenshot named after it.</summary>
    public Task RunAsync(Uri baseUrl, string name, Func<IPage, Task> test) => RunAsync(baseUrl, name, "en-US", test);

    /// <summary>As <see cref="RunAsync(Uri, string, Func{IPage, Task})"/> in a browser set to <paramref name="locale"/> (its Accept-Language), 1366 px wide.</summary>
    public Task RunAsync(Uri baseUrl, string name, string locale, Func<IPage, Task> test) =>
        RunAsync(name, new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = ScreenWidth, Height = 900 },
        }, test);

    /// <summary>As <see cref="RunAsync(Uri, string, Func{IPage, Task})"/> on a phone (390 × 844 px, touch, Chinese): the check-in at the door.</summary>
    public Task RunOnPhoneAsync(Uri baseUrl, string name, Func<IPage, Task> test) =>
        RunAsync(name, new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        }, test);

    private async Task RunAsync(string name, BrowserNewContextOptions options, Func<IPage, Task> test)
    {
        var context = await _browser!.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            Directory.CreateDirectory(ScreenshotFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
