using System.Diagnostics;
using System.Reflection;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Hosting;

/// <summary>
/// The worker as operators run it: <c>dotnet Outreach.Worker.dll serve</c>, configured only through the environment, its
/// output kept under TestResults/worker-logs. <see cref="KillAsync"/> is SIGKILL; a watchdog kills it too if this test process
/// dies first, so no worker outlives its test.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Process _watchdog;
    private readonly StreamWriter _log;

    private WorkerProcess(Process process, Process watchdog, StreamWriter log, string logPath)
    {
        _process = process;
        _watchdog = watchdog;
        _log = log;
        LogPath = logPath;
    }

    public int Id => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The worker build next to this test build (same configuration), as the test's project reference built it.</summary>
    public static string DllPath
    {
        get
        {
            var configuration = typeof(WorkerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepositoryRoot.Find(), "Outreach.Worker", "bin", configuration, "net10.0", "Outreach.Worker.dll");
        }
    }

    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string?> settings)
    {
        Assert.True(File.Exists(DllPath), $"{DllPath} is missing: build the solution first.");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { DllPath, "serve" },
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in HubSettings.AsEnvironment(settings))
        {
            info.Environment[key] = value;
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var folder = Path.Combine(RepositoryRoot.Find(), "TestResults", "worker-logs");
        Directory.CreateDirectory(folder);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var logPath = Path.Combine(folder, $"{name}-{process.Id}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var watchdog = Process.Start(new ProcessStartInfo("/bin/sh",
            ["-c", $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {process.Id} 2>/dev/null; do sleep 1; done; kill -9 {process.Id} 2>/dev/null"])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("The worker watchdog did not start.");
        return new WorkerProcess(process, watchdog, log, logPath);
    }

    /// <summary>SIGKILL: no shutdown, no clean-up, as a power cut or the OOM killer would do it.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        if (!_watchdog.HasExited)
        {
            _watchdog.Kill();
        }

        _process.Dispose();
        _watchdog.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
