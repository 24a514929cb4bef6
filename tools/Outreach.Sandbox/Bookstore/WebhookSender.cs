using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Bookstore;

/// <summary>Where the bookstore calls the hub: POST {Url} with one change, signed with {Secret}.</summary>
public sealed record WebhookTarget(Uri Url, string Secret);

/// <summary>How a test spoils a webhook call: a wrong signature, a timestamp off the clock.</summary>
public sealed record WebhookTamper(bool ForgeSignature = false, TimeSpan TimestampOffset = default)
{
    public static readonly WebhookTamper None = new();
}

/// <summary>
/// Sends changes to the hub as the spec says: the change as the body, X-Bookstore-Timestamp (unix seconds) and
/// X-Bookstore-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)).
/// </summary>
internal sealed class WebhookSender(TimeProvider timeProvider) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public WebhookTarget? Target { get; set; }

    /// <returns>The hub's HTTP status, or 0 when it could not be reached.</returns>
    public async Task<int> SendAsync(SimChange change, WebhookTamper tamper, CancellationToken cancellationToken)
    {
        var target = Target ?? throw new InvalidOperationException("No webhook is set: set BookstoreSimulator.Webhook first.");
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookBody(change.Seq, change.OrderId, change.OrderRef, change.Status, change.At, change.Note),
            SandboxJson.Options);
        var timestamp = (timeProvider.GetUtcNow() + tamper.TimestampOffset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var secret = tamper.ForgeSignature ? target.Secret + "-forged" : target.Secret;

        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Bookstore-Timestamp", timestamp);
        request.Headers.Add("X-Bookstore-Signature", Sign(secret, timestamp, body));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private sealed record WebhookBody(long Seq, string OrderId, string OrderRef, string Status, string At, string? Note);
}
