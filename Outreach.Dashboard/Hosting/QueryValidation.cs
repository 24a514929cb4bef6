using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Outreach.Dashboard.Hosting;

/// <summary>
/// A page asked for with a query it cannot use (a page number out of range, letters for a number) answers 400 with
/// what is wrong, before the page reads anything: never a 500, never a page that silently shows something else.
/// Forms (POST) keep their own validation, which shows the errors beside the fields.
/// </summary>
internal sealed class QueryValidation : IAsyncPageFilter
{
    public const string Lead = "This address asks for something the page cannot show:";

    public const string PageNumberRange = "the page number (p) must be between 1 and 1000000.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !context.ModelState.IsValid)
        {
            var problems = context.ModelState
                .Where(entry => entry.Value?.Errors.Count > 0)
                .SelectMany(entry => entry.Value!.Errors.Select(error => string.IsNullOrEmpty(error.ErrorMessage) ? $"'{entry.Key}' is not valid." : error.ErrorMessage))
                .Distinct(StringComparer.Ordinal);
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = Lead + " " + string.Join(" ", problems),
            };
            return;
        }

        await next();
    }
}
