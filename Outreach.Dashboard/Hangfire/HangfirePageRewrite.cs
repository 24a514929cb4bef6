using System.Text;

namespace Outreach.Dashboard.Hangfire;

/// <summary>
/// Hangfire's pages are rendered by Hangfire; the few words the hub adds to them, or corrects, go in after Hangfire has
/// written the page: the response of the pages chosen is held, rewritten, then sent.
/// </summary>
internal static class HangfirePageRewrite
{
    public static IApplicationBuilder UseHangfirePageRewrite(this IApplicationBuilder app, Func<HttpContext, bool> applies,
        Func<HttpContext, string, string> rewrite) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !applies(context))
        {
            await next();
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        var isPage = context.Response.StatusCode == StatusCodes.Status200OK
            && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        if (!isPage)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(rewrite(context, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    });
}
