using System.Net;
using System.Net.Sockets;

namespace Outreach.Demo.Hosting;

/// <summary>Loopback ports: a free one for the sandbox, and a clear message when the dashboard's port is taken.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Fails with what to do when something already listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public static void EnsureFree(int port, string variable)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new DemoException(
                $"Port {port} on 127.0.0.1 is already in use ({e.SocketErrorCode}): another demo or program holds it. " +
                $"Stop it (see: ss -ltnp 'sport = :{port}') or choose another port, e.g. {variable}={port + 1} ./outreach demo", e);
        }
    }

    /// <summary>The port in <paramref name="variable"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public static int FromEnvironment(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new DemoException($"{variable} must be a port number (1-65535), not '{text}'.");
    }
}
