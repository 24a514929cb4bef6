using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Outreach.Dashboard.Errors;

/// <summary>
/// The page a bodiless error answer shows (status code pages re-execute here; a crash comes here through the exception
/// handler): anonymous, since a 404 or an expired form happens before or after a session too, and in the reader's language.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>The words to show: the status code, for the codes the page has words for.</summary>
    public string Kind => Code.ToString(CultureInfo.InvariantCulture);

    // A refused POST comes here as a GET (ErrorPagesExtensions): its body is never read twice.
    public void OnGet(int code) => Show(code);

    private void Show(int code)
    {
        // Asked for directly, the page still answers with an error status, never 200.
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
    }
}
