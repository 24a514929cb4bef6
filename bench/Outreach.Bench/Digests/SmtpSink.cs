using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Outreach.Bench.Digests;

/// <summary>
/// A local SMTP sink on loopback: speaks enough ESMTP (EHLO with PIPELINING and 8BITMIME, MAIL, RCPT, DATA, RSET, NOOP,
/// QUIT) to accept every message, and keeps only counts. Replies go out at once (no Nagle delay), so the sink is never
/// what the benchmark measures.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private static readonly byte[] Greeting = "220 bench-sink ESMTP\r\n"u8.ToArray();
    private static readonly byte[] Ehlo = "250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n"u8.ToArray();
    private static readonly byte[] Ok = "250 2.0.0 OK\r\n"u8.ToArray();
    private static readonly byte[] Queued = "250 2.0.0 queued\r\n"u8.ToArray();
    private static readonly byte[] StartData = "354 end with <CRLF>.<CRLF>\r\n"u8.ToArray();
    private static readonly byte[] Bye = "221 2.0.0 bye\r\n"u8.ToArray();
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _count;
    private long _bytes;

    private SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long Received => Interlocked.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static Task<SmtpSink> StartAsync() => Task.FromResult(new SmtpSink());

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _bytes, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception failure) when (failure is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        try
        {
            await stream.WriteAsync(Greeting, _stop.Token);
            var inData = false;
            while (true)
            {
                var read = await reader.ReadAsync(_stop.Token);
                var buffer = read.Buffer;
                while (true)
                {
                    if (inData)
                    {
                        var end = Find(buffer, EndOfData);
                        if (end is null)
                            break;
                        Interlocked.Add(ref _bytes, buffer.Slice(0, end.Value).Length);
                        Interlocked.Increment(ref _count);
                        buffer = buffer.Slice(buffer.GetPosition(EndOfData.Length, end.Value));
                        inData = false;
                        await stream.WriteAsync(Queued, _stop.Token);
                        continue;
                    }

                    var newline = buffer.PositionOf((byte)'\n');
                    if (newline is null)
                        break;
                    var line = Encoding.ASCII.GetString(buffer.Slice(0, newline.Value)).TrimEnd('\r');
                    buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await stream.WriteAsync(Ehlo, _stop.Token);
                            break;
                        case "DATA":
                            // A client always ends the message with CRLF.CRLF (an empty one too), dot-stuffing any line that starts with ".".
                            inData = true;
                            await stream.WriteAsync(StartData, _stop.Token);
                            break;
                        case "QUIT":
                            await stream.WriteAsync(Bye, _stop.Token);
                            return;
                        default:
                            await stream.WriteAsync(Ok, _stop.Token);
                            break;
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                    return;
            }
        }
        catch (Exception failure) when (failure is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or the sink stops.
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static SequencePosition? Find(ReadOnlySequence<byte> buffer, byte[] pattern)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, pattern, advancePastDelimiter: false) ? reader.Position : null;
    }
}
