using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Outreach.Sandbox.Loopback;

namespace Outreach.Bench.Digests;

/// <summary>
/// A local SMTP sink on loopback: speaks enough ESMTP (EHLO with PIPELINING and 8BITMIME, MAIL, RCPT, DATA, RSET, NOOP,
/// QUIT) to accept every message, and keeps only counts. Replies go out at once (no Nagle delay), so the sink is never
/// what the benchmark measures.
/// </summary>
internal sealed class SmtpSink : LoopbackTcpServer
{
    private static readonly byte[] Greeting = "220 bench-sink ESMTP\r\n"u8.ToArray();
    private static readonly byte[] Ehlo = "250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n"u8.ToArray();
    private static readonly byte[] Ok = "250 2.0.0 OK\r\n"u8.ToArray();
    private static readonly byte[] Queued = "250 2.0.0 queued\r\n"u8.ToArray();
    private static readonly byte[] StartData = "354 end with <CRLF>.<CRLF>\r\n"u8.ToArray();
    private static readonly byte[] Bye = "221 2.0.0 bye\r\n"u8.ToArray();
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private long _count;
    private long _bytes;

    private SmtpSink() => Start();

    public long Received => Interlocked.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static Task<SmtpSink> StartAsync() => Task.FromResult(new SmtpSink());

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _bytes, 0);
    }

    protected override async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        try
        {
            await stream.WriteAsync(Greeting, stopping);
            var inData = false;
            while (true)
            {
                var read = await reader.ReadAsync(stopping);
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
                        await stream.WriteAsync(Queued, stopping);
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
                            await stream.WriteAsync(Ehlo, stopping);
                            break;
                        case "DATA":
                            // A client always ends the message with CRLF.CRLF (an empty one too), dot-stuffing any line that starts with ".".
                            inData = true;
                            await stream.WriteAsync(StartData, stopping);
                            break;
                        case "QUIT":
                            await stream.WriteAsync(Bye, stopping);
                            return;
                        default:
                            await stream.WriteAsync(Ok, stopping);
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
