using System.Globalization;
using Outreach.Sandbox.Communities;

namespace Outreach.Sandbox.Hosting;

/// <summary>
/// The standalone sandbox's options: the "Sandbox" section of ./appsettings.json and environment variables
/// (Sandbox__HttpPort=5080), then the command line on top.
/// </summary>
internal static class StandaloneOptions
{
    public const string Usage = """
        Outreach.Sandbox: the town's community systems, a mail catcher and a bounce mailbox on 127.0.0.1, with fault injection.

          --http-port <port>           HTTP port (default 0: a free one)
          --smtp-port <port>           SMTP port (default 0: a free one)
          --imap-port <port>           IMAP port of the bounce mailbox (default 0: a free one)
          --seed <CODE>:<KIND>[:<file>] a community (KIND rest or csv) from a JSON snapshot; repeatable
          --token <CODE>=<token>       Bearer token of a rest community (default sandbox-<CODE>); repeatable
          --drop-folder <dir>          where csv communities drop residents_<CODE>_<yyyyMMdd>.csv
          --help                       this text

        Example: --http-port 5080 --smtp-port 2525 --seed GL01:rest:residents_GL01_snapshot.json
        """;

    /// <returns>The options, or null when only help was asked for.</returns>
    /// <exception cref="ArgumentException">An argument is malformed; the message says which.</exception>
    public static SandboxOptions? Load(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new SandboxOptions();
        configuration.GetSection(SandboxOptions.SectionName).Bind(options);
        return Apply(options, args) ? options : null;
    }

    private static bool Apply(SandboxOptions options, string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (name is "--help" or "-h")
            {
                return false;
            }

            if (name is not ("--http-port" or "--smtp-port" or "--imap-port" or "--drop-folder" or "--seed" or "--token"))
            {
                throw new ArgumentException($"Unknown argument {name}.");
            }

            var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            switch (name)
            {
                case "--http-port":
                    options.HttpPort = Port(name, value);
                    break;
                case "--smtp-port":
                    options.SmtpPort = Port(name, value);
                    break;
                case "--imap-port":
                    options.ImapPort = Port(name, value);
                    break;
                case "--drop-folder":
                    options.DropFolder = value;
                    break;
                case "--seed":
                    AddSeed(options, value);
                    break;
                default:
                    SetToken(options, value);
                    break;
            }
        }

        return true;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static int Port(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"{name} must be a port number, not '{value}'.");

    private static void AddSeed(SandboxOptions options, string value)
    {
        // The file comes last and may itself hold ':' (C:\...).
        var parts = value.Split(':', 3);
        if (parts.Length < 2 || !Enum.TryParse<CommunityKind>(parts[1], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"--seed takes CODE:rest[:file] or CODE:csv[:file], not '{value}'.");
        }

        options.Communities.RemoveAll(c => string.Equals(c.Code, parts[0], StringComparison.OrdinalIgnoreCase));
        options.Communities.Add(new CommunitySeedOptions { Code = parts[0], Kind = kind, Snapshot = parts.Length == 3 ? parts[2] : null });
    }

    private static void SetToken(SandboxOptions options, string value)
    {
        var parts = value.Split('=', 2);
        var seed = parts.Length == 2
            ? options.Communities.Find(c => string.Equals(c.Code, parts[0], StringComparison.OrdinalIgnoreCase))
            : null;
        if (seed is null)
        {
            throw new ArgumentException($"--token takes CODE=token for a community given with --seed before it, not '{value}'.");
        }

        seed.Token = parts[1];
    }
}
