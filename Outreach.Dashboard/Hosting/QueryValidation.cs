using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Localization;

namespace Outreach.Dashboard.Hosting;

/// <summary>
/// A page asked for with a query it cannot use (a page number out of range, letters for a number) answers 400 with
/// what is wrong, before the page reads anything: never a 500, never a page that silently shows something else.
/// Forms (POST) keep their own validation, which shows the errors beside the fields.
/// </summary>
internal sealed class QueryValidation : IAsyncPageFilter
{
    /// <summary>The key (in <see cref="ValidationText"/>) of the page-number range message every paged page shares.</summary>
    public const string PageNumberRange = "PageNumberRange";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !context.ModelState.IsValid)
        {
            var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ValidationText>>();
            var problems = context.ModelState
                .Where(entry => entry.Value?.Errors.Count > 0)
                .SelectMany(entry => entry.Value!.Errors.Select(error => string.IsNullOrEmpty(error.ErrorMessage) ? text["QueryFieldInvalid", entry.Key].Value : error.ErrorMessage))
                .Distinct(StringComparer.Ordinal);
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = text["QueryLead"] + " " + string.Join(" ", problems),
            };
            return;
        }

        await next();
    }
}
