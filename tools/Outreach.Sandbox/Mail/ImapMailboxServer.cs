using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Outreach.Sandbox.Loopback;

namespace Outreach.Sandbox.Mail;

/// <summary>
/// A minimal IMAP4rev1 server on loopback with one mailbox (INBOX): the bounce mailbox the hub reads in the demo and in
/// the bounce reader's tests. It speaks CAPABILITY, LOGIN,
/// LIST, SELECT, UID SEARCH, UID FETCH (BODY.PEEK[]), UID STORE, EXPUNGE, NOOP, CLOSE and LOGOUT. It speaks the
/// protocol MailKit uses; nothing of it is faked behind the client.
/// </summary>
public sealed partial class ImapMailboxServer : LoopbackTcpServer
{
    public const string User = "bounces";

    /// <summary>Not a secret: the mailbox holds only what the sandbox and the tests put in it, on 127.0.0.1.</summary>
    public const string Password = "sandbox-imap-password";

    private readonly Lock _gate = new();
    private readonly List<Stored> _messages = [];
    private uint _nextUid = 1;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    public ImapMailboxServer(int port = 0)
        : base(port) => Start();

    /// <summary>The commands received, for tests that check what the client did.</summary>
    public List<string> Commands { get; } = [];

    public void Deliver(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        lock (_gate)
        {
            _messages.Add(new Stored(_nextUid++, buffer.ToArray()));
        }
    }

    /// <summary>The messages still in the mailbox and whether each is flagged seen.</summary>
    public IReadOnlyList<(MimeMessage Message, bool Seen)> Mailbox()
    {
        lock (_gate)
        {
            return _messages.Select(m => (MimeMessage.Load(new MemoryStream(m.Raw)), m.Flags.Contains(@"\Seen"))).ToList();
        }
    }

    protected override async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 1024, leaveOpen: true);
        await WriteAsync(stream, "* OK [CAPABILITY IMAP4rev1] Outreach sandbox IMAP ready\r\n");
        var authenticated = false;
        try
        {
            while (await reader.ReadLineAsync(stopping) is { } line)
            {
                lock (_gate)
                {
                    Commands.Add(line.Contains("LOGIN", StringComparison.OrdinalIgnoreCase) ? "LOGIN ***" : line);
                }

                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0)
                    continue;
                var tag = line[..space];
                var rest = line[(space + 1)..];
                var verb = rest.Split(' ')[0].ToUpperInvariant();
                if (verb == "UID")
                {
                    rest = rest[4..];
                    verb = "UID " + rest.Split(' ')[0].ToUpperInvariant();
                }

                if (verb is not ("CAPABILITY" or "LOGIN" or "LOGOUT" or "NOOP") && !authenticated)
                {
                    await WriteAsync(stream, $"{tag} NO Log in first\r\n");
                    continue;
                }

                switch (verb)
                {
                    case "CAPABILITY":
                        await WriteAsync(stream, $"* CAPABILITY IMAP4rev1\r\n{tag} OK CAPABILITY completed\r\n");
                        break;
                    case "LOGIN":
                        authenticated = rest.Contains(User, StringComparison.Ordinal) && rest.Contains(Password, StringComparison.Ordinal);
                        await WriteAsync(stream, authenticated ? $"{tag} OK [CAPABILITY IMAP4rev1] LOGIN completed\r\n" : $"{tag} NO [AUTHENTICATIONFAILED] Wrong password\r\n");
                        break;
                    case "LIST":
                        var root = rest.EndsWith("\"\"", StringComparison.Ordinal);
                        await WriteAsync(stream, root
                            ? $"* LIST (\\Noselect) \"/\" \"\"\r\n{tag} OK LIST completed\r\n"
                            : $"* LIST (\\HasNoChildren) \"/\" INBOX\r\n{tag} OK LIST completed\r\n");
                        break;
                    case "SELECT":
                    case "EXAMINE":
                        await WriteAsync(stream, Select(tag));
                        break;
                    case "UID SEARCH":
                        await WriteAsync(stream, $"* SEARCH {string.Join(' ', Unseen())}\r\n{tag} OK SEARCH completed\r\n");
                        break;
                    case "UID FETCH":
                        await FetchAsync(stream, tag, rest);
                        break;
                    case "UID STORE":
                        Store(rest);
                        await WriteAsync(stream, $"{tag} OK STORE completed\r\n");
                        break;
                    case "EXPUNGE":
                        await WriteAsync(stream, Expunge() + $"{tag} OK EXPUNGE completed\r\n");
                        break;
                    case "NOOP":
                    case "CHECK":
                    case "CLOSE":
                        await WriteAsync(stream, $"{tag} OK {verb} completed\r\n");
                        break;
                    case "LOGOUT":
                        await WriteAsync(stream, $"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
                        return;
                    default:
                        await WriteAsync(stream, $"{tag} BAD {verb} is not supported here\r\n");
                        break;
                }
            }
        }
        catch (Exception failure) when (failure is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server stops.
        }
    }

    private string Select(string tag)
    {
        lock (_gate)
        {
            return $"* {_messages.Count} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen \\Deleted)\r\n* OK [PERMANENTFLAGS (\\Seen \\Deleted)] ok\r\n"
                + $"* OK [UIDVALIDITY 1] ok\r\n* OK [UIDNEXT {_nextUid}] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n";
        }
    }

    private List<uint> Unseen()
    {
        lock (_gate)
        {
            return _messages.Where(m => !m.Flags.Contains(@"\Seen")).Select(m => m.Uid).ToList();
        }
    }

    private async Task FetchAsync(Stream stream, string tag, string rest)
    {
        var uids = UidSet(rest.Split(' ')[1]);
        List<(int Sequence, Stored Message)> found;
        lock (_gate)
        {
            found = _messages.Select((m, i) => (i + 1, m)).Where(x => uids(x.m.Uid)).ToList();
        }

        foreach (var (sequence, message) in found)
        {
            await WriteAsync(stream, string.Create(CultureInfo.InvariantCulture, $"* {sequence} FETCH (UID {message.Uid} BODY[] {{{message.Raw.Length}}}\r\n"));
            await stream.WriteAsync(message.Raw);
            await WriteAsync(stream, ")\r\n");
        }

        await WriteAsync(stream, $"{tag} OK FETCH completed\r\n");
    }

    private void Store(string rest)
    {
        var parts = rest.Split(' ', 3);
        var uids = UidSet(parts[1]);
        var flags = FlagPattern().Matches(parts[2]).Select(m => m.Value).ToList();
        var add = !parts[2].StartsWith('-');
        lock (_gate)
        {
            foreach (var message in _messages.Where(m => uids(m.Uid)))
            {
                foreach (var flag in flags)
                {
                    if (add)
                        message.Flags.Add(flag);
                    else
                        message.Flags.Remove(flag);
                }
            }
        }
    }

    private string Expunge()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            for (var i = _messages.Count - 1; i >= 0; i--)
            {
                if (_messages[i].Flags.Contains(@"\Deleted"))
                {
                    text.Append(CultureInfo.InvariantCulture, $"* {i + 1} EXPUNGE\r\n");
                    _messages.RemoveAt(i);
                }
            }
        }

        return text.ToString();
    }

    private static Func<uint, bool> UidSet(string set)
    {
        var ranges = set.Split(',').Select(part =>
        {
            var bounds = part.Split(':');
            var low = bounds[0] == "*" ? uint.MaxValue : uint.Parse(bounds[0], CultureInfo.InvariantCulture);
            var high = bounds.Length == 1 ? low : bounds[1] == "*" ? uint.MaxValue : uint.Parse(bounds[1], CultureInfo.InvariantCulture);
            return (Low: Math.Min(low, high), High: Math.Max(low, high));
        }).ToList();
        return uid => ranges.Any(r => uid >= r.Low && uid <= r.High);
    }

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.Latin1.GetBytes(text)).AsTask();

    [GeneratedRegex(@"\\[A-Za-z]+")]
    private static partial Regex FlagPattern();

    private sealed class Stored(uint uid, byte[] raw)
    {
        public uint Uid { get; } = uid;

        public byte[] Raw { get; } = raw;

        public HashSet<string> Flags { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
