using System.Globalization;
using System.Net.Http.Json;
using Outreach.Demo.Secrets;
using Outreach.Integrations.Mail;
using Outreach.Sandbox.Mail;

namespace Outreach.Demo.Hosting;

/// <summary>
/// Points the hub's mail at the sandbox's SMTP catcher and bounce mailbox and its book orders at the sandbox's bookstore,
/// with a budget line and a partner key, so digests, bounces, reader notices and orders work in the demo as they would in
/// production.
/// </summary>
internal static class DemoFeatures
{
    public const string BookstoreToken = "sandbox-bookstore-token";
    public const string BudgetLine = "SOC-2026";

    public static IEnumerable<KeyValuePair<string, string>> HubSettings(Uri sandbox, int smtpPort, int imapPort, Uri dashboard, DemoSecrets secrets) =>
    [
        new("Outreach:Dashboard:PublicBaseUrl", dashboard.ToString()),
        new("Outreach:Mail:Host", "127.0.0.1"),
        new("Outreach:Mail:Port", smtpPort.ToString(CultureInfo.InvariantCulture)),
        new("Outreach:Mail:Security", "None"),
        new("Outreach:Mail:From", "reading@library.example.cn"),
        new("Outreach:Mail:FromName", "浙江工商职业技术学院图书馆"),
        new("Outreach:Bookstore:BaseUrl", new Uri(sandbox, "bookstore/").ToString()),
        new("Outreach:Bookstore:Token", BookstoreToken),
        new("Outreach:Bookstore:WebhookSecret", secrets.BookstoreWebhookSecret),
        new($"Outreach:Orders:BudgetLines:{BudgetLine}:Name", "社会服务购书 2026"),
        new($"Outreach:Orders:BudgetLines:{BudgetLine}:MonthlyCap", "5000"),
        new("Outreach:Orders:Partners:portal:ApiKey", secrets.PortalApiKey),
        .. BounceMailboxSettings(imapPort),
    ];

    /// <summary>The sandbox's bounce mailbox, which the <c>bounces</c> schedule reads every 15 minutes.</summary>
    public static IEnumerable<KeyValuePair<string, string>> BounceMailboxSettings(int imapPort) =>
    [
        new($"{BounceMailboxOptions.SectionPath}:Host", "127.0.0.1"),
        new($"{BounceMailboxOptions.SectionPath}:Port", imapPort.ToString(CultureInfo.InvariantCulture)),
        new($"{BounceMailboxOptions.SectionPath}:Security", "None"),
        new($"{BounceMailboxOptions.SectionPath}:Username", ImapMailboxServer.User),
        new($"{BounceMailboxOptions.SectionPath}:Password", ImapMailboxServer.Password),
    ];

    /// <summary>Tells the sandbox's bookstore to call the dashboard's webhook, signed with the shared secret.</summary>
    public static async Task ConnectBookstoreWebhookAsync(Uri sandbox, Uri dashboard, DemoSecrets secrets, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = sandbox };
        using var response = await http.PutAsJsonAsync("_sandbox/bookstore/webhook",
            new { url = new Uri(dashboard, "webhooks/bookstore").ToString(), secret = secrets.BookstoreWebhookSecret }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
