using System.Net.Sockets;

namespace Outreach.Sandbox.Loopback;

/// <summary>
/// A server on 127.0.0.1 that runs until it is disposed: the sandbox's SMTP listener, the tests' IMAP server and the
/// benchmark's SMTP sink. It lives in the sandbox because the sandbox is where the hub's outside systems are played
/// over loopback, and the tests and the benchmarks already reference it. Disposing stops the server and waits for it
/// to end, whatever the stop makes it throw.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public abstract int Port { get; }

    /// <summary>What serves; it ends when the server stops.</summary>
    protected Task Running => _running;

    /// <summary>Starts serving; <paramref name="serve"/> gets the token that is cancelled when the server stops.</summary>
    protected void Run(Func<CancellationToken, Task> serve) => _running = serve(_stop.Token);

    /// <summary>What stops the server besides its token: closing its listener, its library's shutdown.</summary>
    protected virtual void OnStopping()
    {
    }

    public async ValueTask DisposeAsync()
    {
        OnStopping();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (Exception failure) when (failure is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
