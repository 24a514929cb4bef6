using System.Diagnostics;
using System.Text;

namespace Outreach.LocalPostgres;

/// <summary>
/// Runs the server tools as an unprivileged user: initdb refuses root, so as root every tool runs through
/// <c>runuser -u postgres</c> (or OUTREACH_PG_USER) and the data folder is handed to that user.
/// </summary>
internal sealed class OsUserRunner
{
    private readonly string? _runAs = Environment.IsPrivilegedProcess
        ? Environment.GetEnvironmentVariable("OUTREACH_PG_USER") is { Length: > 0 } user ? user : "postgres"
        : null;

    /// <summary>Creates the folder and makes it the run-as user's; falls back to /tmp when that user cannot reach it.</summary>
    public string PrepareDirectory(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        if (_runAs is null)
        {
            return dataDirectory;
        }

        if (TryHandOver(dataDirectory))
        {
            return dataDirectory;
        }

        // The checkout sits under a folder the unprivileged user cannot enter (e.g. /root): use /tmp instead.
        var fallback = Path.Combine(Path.GetTempPath(), "outreach-pg", Path.GetFileName(dataDirectory.TrimEnd('/')));
        Directory.CreateDirectory(fallback);
        if (!TryHandOver(fallback))
        {
            throw new InvalidOperationException(
                $"The unprivileged user '{_runAs}' cannot write to '{dataDirectory}' nor '{fallback}'. " +
                "Create that user (Debian's postgresql package does) or set OUTREACH_PG_USER.");
        }

        return fallback;
    }

    public async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ExecuteAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{Path.GetFileName(tool)} {string.Join(' ', arguments)}' failed with exit code {exitCode}: {output.Trim()}");
        }
    }

    /// <summary>
    /// A shell that stops the server when the owning process dies, however it dies, and then deletes a throw-away cluster's
    /// files: a test host is often ended before its exit handlers run, and each one left its cluster's folder behind.
    /// </summary>
    public Process StartWatchdog(string pgCtl, string dataDirectory, int ownerPid, bool deleteFiles)
    {
        var stop = $"{Wrap($"'{pgCtl}' -D '{dataDirectory}' -m immediate stop")} >/dev/null 2>&1";
        var script = $"while kill -0 {ownerPid} 2>/dev/null; do sleep 1; done; {stop}{(deleteFiles ? $"; rm -rf '{dataDirectory}'" : "")}";
        var info = new ProcessStartInfo("/bin/sh", ["-c", script])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the cluster watchdog.");
    }

    private string Wrap(string command) => _runAs is null ? command : $"runuser -u {_runAs} -- {command}";

    private bool TryHandOver(string directory)
    {
        var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{_runAs}:", directory]) { UseShellExecute = false });
        chown?.WaitForExit();
        var test = Process.Start(new ProcessStartInfo("runuser", ["-u", _runAs!, "--", "test", "-w", directory]) { UseShellExecute = false });
        test?.WaitForExit();
        return chown?.ExitCode == 0 && test?.ExitCode == 0;
    }

    private async Task<(int ExitCode, string Output)> ExecuteAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = _runAs is null
            ? new ProcessStartInfo(tool)
            : new ProcessStartInfo("runuser", ["-u", _runAs, "--", tool]);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        // pg_ctl's child keeps inherited pipes open; the log file (-l) takes the server's output instead.
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        return (process.ExitCode, output.ToString());
    }
}
