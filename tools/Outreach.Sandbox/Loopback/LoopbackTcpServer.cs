using System.Net;
using System.Net.Sockets;

namespace Outreach.Sandbox.Loopback;

/// <summary>Accepts TCP connections on a loopback port (0: a free one) and serves each on its own task until disposed.</summary>
public abstract class LoopbackTcpServer(int port = 0) : LoopbackServer
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, port);

    public override int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Listens and accepts; a subclass calls it once it is ready to serve.</summary>
    protected void Start()
    {
        _listener.Start();
        Run(AcceptAsync);
    }

    /// <summary>Serves one connection, which it owns; <paramref name="stopping"/> is cancelled when the server stops.</summary>
    protected abstract Task ServeAsync(Socket socket, CancellationToken stopping);

    protected override void OnStopping() => _listener.Stop();

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(stopping);
            _ = Task.Run(() => ServeAsync(socket, stopping), CancellationToken.None);
        }
    }
}
