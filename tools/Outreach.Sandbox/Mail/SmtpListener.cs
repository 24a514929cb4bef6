using System.Net;
using System.Net.Sockets;
using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Loopback;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;

namespace Outreach.Sandbox.Mail;

/// <summary>The sandbox's SMTP server on 127.0.0.1: plain SMTP, any AUTH accepted, every message into the catcher.</summary>
internal sealed class SmtpListener : LoopbackServer
{
    private readonly SmtpServer.SmtpServer _server;
    private int _port;

    private SmtpListener(SmtpServer.SmtpServer server) => _server = server;

    public override int Port => _port;

    public static async Task<SmtpListener> StartAsync(int port, MailCatcher catcher, FaultInjector faults, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("outreach-sandbox")
            // Rejections are the point of fault injection; the default of 5 would end a session that sends many.
            .MaxRetryCount(1000)
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AuthenticationRequired(false)
                .AllowUnsecureAuthentication(true))
            .Build();

        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new CatcherMessageStore(catcher, faults, time, loggers.CreateLogger<CatcherMessageStore>()));
        services.Add(new FaultMailboxFilter(faults, loggers.CreateLogger<FaultMailboxFilter>()));
        // Accepts any credentials, so a hub configured with SMTP AUTH for production runs unchanged against the sandbox.
        services.Add(new DelegatingUserAuthenticator((_, _) => true));

        var listener = new SmtpListener(new SmtpServer.SmtpServer(options, services));
        listener.Run(listener._server.StartAsync);
        try
        {
            if (await Task.WhenAny(started.Task, listener.Running).WaitAsync(cancellationToken) == listener.Running)
            {
                await listener.Running; // surfaces why it could not listen
                throw new InvalidOperationException($"The SMTP server stopped before it listened on port {port}.");
            }
        }
        catch (SocketException e)
        {
            await listener.DisposeAsync();
            throw new IOException($"SMTP could not listen on 127.0.0.1:{port}: {e.Message}", e);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }

        listener._port = await started.Task;
        return listener;
    }

    protected override void OnStopping() => _server.Shutdown();
}
