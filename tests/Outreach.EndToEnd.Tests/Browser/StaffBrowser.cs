using Microsoft.Playwright;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>What staff do in the browser, in the dashboard's own words (labels and button texts).</summary>
public static class StaffBrowser
{
    /// <summary>
    /// Logs in and waits for the page the form leads to (the landing page, or the login page again when refused), so
    /// the test's next navigation cannot cut the login's own short.
    /// </summary>
    public static async Task LogInAsync(IPage page, string username, string password = TestAccounts.Password)
    {
        await page.GotoAsync("/login");
        // By field, not by label: the login page reads in the browser's language.
        await page.Locator("input[name='Input.Username']").FillAsync(username);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await RunAndWaitForLoadAsync(page, () => page.Locator("section.login button[type=submit]").ClickAsync());
    }

    /// <summary>
    /// Does what makes the page load a new document (a form post, a button whose script reloads the page) and waits
    /// until that document has loaded, so that the test's next navigation cannot race it.
    /// </summary>
    public static async Task RunAndWaitForLoadAsync(IPage page, Func<Task> action)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await action();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }

    /// <summary>
    /// Everything on the page that would change something: POST forms and their buttons (other than logging out) and
    /// Hangfire's command buttons. GET forms (filters, search) and links change nothing.
    /// </summary>
    public static Task<string[]> ChangingControlsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const found = [];
          const isPost = form => (form.getAttribute('method') || 'get').toLowerCase() === 'post';
          // Logging out and choosing the language change only the viewer's own session, not the hub.
          const isLogout = el => !!el.closest('form[action$="/logout" i], form[action$="/Logout"], form[action$="/language" i]');
          for (const form of document.querySelectorAll('form')) {
            if (isPost(form) && !isLogout(form)) found.push('POST form ' + (form.getAttribute('action') || location.pathname));
          }
          for (const el of document.querySelectorAll('[data-ajax], [data-url], .js-jobs-list-command')) {
            if (el.offsetParent !== null) found.push('command ' + el.outerHTML.slice(0, 120));
          }
          for (const button of document.querySelectorAll('button, input[type=submit], input[type=button]')) {
            const form = button.closest('form');
            if (button.offsetParent === null || isLogout(button) || (form && !isPost(form))) continue;
            if (!form && !button.matches('[data-ajax], [data-url], .js-jobs-list-command')) continue;
            found.push('button ' + (button.textContent || button.value || '').trim());
          }
          return [...new Set(found)];
        }
        """);
}
