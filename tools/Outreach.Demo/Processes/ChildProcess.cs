using System.ComponentModel;
using System.Diagnostics;

namespace Outreach.Demo.Processes;

/// <summary>
/// One of the hub's programs run as <c>dotnet &lt;dll&gt;</c> in its own session (so Ctrl+C reaches only the launcher,
/// which then stops everything in order), configured through environment variables, never through command-line
/// secrets. Its output is shown with a <c>[name]</c> prefix, and its last lines are kept for when it fails.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int TailLength = 40;
    private const string Setsid = "/usr/bin/setsid";

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Func<string, bool> _show;
    private readonly string _prefix;

    private ChildProcess(string name, Process process, Func<string, bool> show)
    {
        Name = name;
        _process = process;
        _show = show;
        _prefix = $"[{name}]".PadRight(12);
    }

    public string Name { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="dll"/> with <paramref name="settings"/> as environment variables (configuration keys,
    /// ':' written as '__'). Output lines for which <paramref name="show"/> is false are only kept, to be shown if it fails.
    /// </summary>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> settings, Func<string, bool> show)
    {
        if (!File.Exists(dll))
        {
            throw new DemoException($"{dll} is missing: build the solution first (./outreach demo does: dotnet build Outreach.sln -c Release).");
        }

        var useSetsid = File.Exists(Setsid);
        var info = new ProcessStartInfo(useSetsid ? Setsid : DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The hosts read appsettings.json from their content root, which is where they were built.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        if (useSetsid)
        {
            info.ArgumentList.Add(DotnetHost);
        }

        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(name, process, show);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new DemoException($"Could not start {name} ({info.FileName} {dll}): {e.Message}", e);
        }

        // Nothing of ours answers a prompt: a program that asks for input gets end-of-file at once.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when the process has exited and its output has been read.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Runs a command to its end; a non-zero exit shows its output and stops the demo.</summary>
    public static async Task RunAsync(string name, string dll, IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> settings, CancellationToken cancellationToken)
    {
        using var command = Start(name, dll, arguments, settings, show: _ => false);
        try
        {
            await command.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            await command.StopAsync(TimeSpan.FromSeconds(5));
        }

        if (command.ExitCode != 0)
        {
            command.WriteLastLines(Console.Error);
            throw new DemoException($"{name} failed with exit code {command.ExitCode} (its output is above).");
        }
    }

    public void WriteLastLines(TextWriter output)
    {
        string[] lines;
        lock (_tail)
        {
            lines = [.. _tail];
        }

        foreach (var line in lines)
        {
            output.WriteLine($"{_prefix}{line}");
        }
    }

    /// <summary>Asks the process to stop (SIGTERM: hosts shut down cleanly), and kills its whole tree after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            if (term is not null)
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(grace);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or Win32Exception)
        {
            Console.Error.WriteLine($"{_prefix}did not stop within {grace.TotalSeconds:0} s; killing it.");
            KillTree();
            await _process.WaitForExitAsync();
        }
    }

    public void Dispose() => _process.Dispose();

    private static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            if (_tail.Count == TailLength)
            {
                _tail.Dequeue();
            }

            _tail.Enqueue(line);
        }

        if (_show(line))
        {
            Console.Out.WriteLine($"{_prefix}{line}");
        }
    }
}
