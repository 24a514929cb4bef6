using Outreach.Sandbox.Bookstore;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Mail;

namespace Outreach.Sandbox.Hosting;

/// <summary>
/// The outside world on loopback: community systems over HTTP, an SMTP catcher and a bounce mailbox over IMAP, with fault injection. Started
/// in process by tests and benchmarks, or standalone by Program for the demo.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SmtpListener _smtp;

    private SandboxHost(WebApplication app, SmtpListener smtp, ImapMailboxServer bounces, CommunitySimulator communities, MailCatcher mail,
        FaultInjector faults)
    {
        _app = app;
        _smtp = smtp;
        Bounces = bounces;
        Communities = communities;
        Mail = mail;
        Faults = faults;
        BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseUrl { get; }

    public int SmtpPort => _smtp.Port;

    /// <summary>The bounce mailbox the hub reads (IMAP, user <see cref="ImapMailboxServer.User"/>); tests deliver reports into it.</summary>
    public ImapMailboxServer Bounces { get; }

    public CommunitySimulator Communities { get; }

    public MailCatcher Mail { get; }

    public FaultInjector Faults { get; }

    public BookstoreSimulator Bookstore => _app.Services.GetRequiredService<BookstoreSimulator>();

    /// <summary>The base address of one community's system: {BaseUrl}communities/{code}/ (its API is api/v1/... below it).</summary>
    public Uri CommunityBaseUrl(string code) => new(BaseUrl, $"communities/{Uri.EscapeDataString(code)}/");

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        SandboxOptionsValidator.ThrowIfInvalid(options);
        var communities = new CommunitySimulator(options.TimeProvider);
        var mail = new MailCatcher(options.TimeProvider);
        var faults = new FaultInjector();
        var app = SandboxWebApp.Build(options, communities, mail, faults);
        SmtpListener? smtp = null;
        ImapMailboxServer? bounces = null;
        try
        {
            app.Services.GetRequiredService<CommunitySeeder>().Seed(options);
            smtp = await SmtpListener.StartAsync(options.SmtpPort, mail, faults, options.TimeProvider, app.Services.GetRequiredService<ILoggerFactory>(), ct);
            bounces = new ImapMailboxServer(options.ImapPort);
            await app.StartAsync(ct);
            return new SandboxHost(app, smtp, bounces, communities, mail, faults);
        }
        catch
        {
            if (smtp is not null)
            {
                await smtp.DisposeAsync();
            }

            if (bounces is not null)
            {
                await bounces.DisposeAsync();
            }

            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM) or <paramref name="ct"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _smtp.DisposeAsync();
        await Bounces.DisposeAsync();
        await _app.DisposeAsync();
    }
}
