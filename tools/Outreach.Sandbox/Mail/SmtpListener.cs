using System.Net;
using System.Net.Sockets;
using Outreach.Sandbox.Faults;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;

namespace Outreach.Sandbox.Mail;

/// <summary>The sandbox's SMTP server on 127.0.0.1: plain SMTP, any AUTH accepted, every message into the catcher.</summary>
internal sealed class SmtpListener : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private SmtpListener(SmtpServer.SmtpServer server, CancellationTokenSource stop, Task running, int port)
    {
        _server = server;
        _stop = stop;
        _running = running;
        Port = port;
    }

    public int Port { get; }

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

        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        try
        {
            if (await Task.WhenAny(started.Task, running).WaitAsync(cancellationToken) == running)
            {
                await running; // surfaces why it could not listen
                throw new InvalidOperationException($"The SMTP server stopped before it listened on port {port}.");
            }
        }
        catch (SocketException e)
        {
            await stop.CancelAsync();
            stop.Dispose();
            throw new IOException($"SMTP could not listen on 127.0.0.1:{port}: {e.Message}", e);
        }
        catch
        {
            await stop.CancelAsync();
            stop.Dispose();
            throw;
        }

        return new SmtpListener(server, stop, running, await started.Task);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // The expected end of a cancelled listener.
        }

        _stop.Dispose();
    }
}
