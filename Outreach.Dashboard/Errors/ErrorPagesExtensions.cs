using Microsoft.AspNetCore.Diagnostics;
using Outreach.Dashboard.Staff;

namespace Outreach.Dashboard.Errors;

public static class ErrorPagesExtensions
{
    public const string Path = AnonymousRoutes.Errors;

    /// <summary>
    /// A page in the reader's language for an error answered without a body (404, 403, an expired form's 400) and for a
    /// crash (500). Machine routes keep their JSON answers. Before routing, so the error page is routed afresh.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.UseWhen(http => !AnonymousRoutes.IsMachine(http.Request.Path), pages =>
        {
            if (!development)
            {
                pages.UseExceptionHandler(Path + "/500");
            }

            pages.UseStatusCodePagesWithReExecute(Path + "/{0}");
            // The error page is read, not posted to: a request whose body could not be read (too large, broken framing)
            // must not be read again on its way to the page (that read failed once more and answered 404).
            pages.Use((http, next) =>
            {
                if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerPathFeature>() is not null)
                {
                    http.Request.Method = HttpMethods.Get;
                    http.Request.ContentType = null;
                    http.Request.ContentLength = 0;
                    http.Request.Body = Stream.Null;
                }

                return next(http);
            });
        });
        return app;
    }
}
