using Microsoft.AspNetCore.Http.Features;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Dashboard.Orders;

/// <summary>
/// The csv import reads uploads up to <see cref="RequestLimit"/>, so a file somewhat over the import's own limit
/// reaches the page, which says so beside the form. An upload that announces more than that is answered at once with
/// the same words, rather than with the empty 400 the form reader would give when it stops reading.
/// </summary>
internal static class ImportUploadLimit
{
    public const string Path = "/orders/import";

    /// <summary>What the page reads before refusing: a few times the import's limit.</summary>
    public const long RequestLimit = 8L * CsvRequestImport.MaxBytes;

    /// <summary>How much of a refused upload is read away so the client sees the answer; beyond it the connection just closes.</summary>
    private const long DrainLimit = 64L * 1024 * 1024;

    public static string TooLarge => CsvRequestImport.TooLargeMessage;

    public static IApplicationBuilder UseImportUploadLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) && request.ContentLength > RequestLimit)
        {
            // Read the upload away first (as far as the server's own body limit): a client still sending when the answer
            // comes would see a broken connection instead of the message. Only operators get here.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = DrainLimit;
            }

            try
            {
                await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (BadHttpRequestException)
            {
                // Beyond the server's limit: the connection closes after the answer, which is all that can be done.
            }

            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Import book requests</title></head><body><p>{System.Net.WebUtility.HtmlEncode(TooLarge)}</p>" +
                $"<p><a href=\"{Path}\">Back to the import</a></p></body></html>", context.RequestAborted);
            return;
        }

        await next(context);
    });
}
