using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Outreach.Bench.Jobs;

/// <summary>
/// A Hangfire server in a child process of the benchmark (<see cref="JobServerHost"/>), so that jobs are enqueued from
/// another process, as the dashboard's "Run now" and the scheduler's nodes do. Hangfire.PostgreSql also wakes a waiting
/// worker when a job is enqueued in the same process, which would hide the poll interval from an in-process benchmark.
/// </summary>
public sealed class JobServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _starts = new(StringComparer.Ordinal);

    private JobServerProcess(Process process) => _process = process;

    public static async Task<JobServerProcess> StartAsync(JobServerKind kind, string connectionString, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet")
        {
            // Run as "dotnet Outreach.Bench.dll" rather than through the app host.
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in (string[])[JobServerHost.Verb, kind.ToString(), connectionString])
        {
            info.ArgumentList.Add(argument);
        }

        var server = new JobServerProcess(Process.Start(info) ?? throw new InvalidOperationException("The job server process did not start."));
        server._process.OutputDataReceived += (_, line) => server.Read(line.Data);
        server._process.ErrorDataReceived += (_, line) => Forward(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server._ready.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>When the job with this token started in the server, as a <see cref="Stopwatch"/> timestamp.</summary>
    public Task<long> StartOfAsync(string token, TimeSpan timeout, CancellationToken cancellationToken) =>
        Start(token).Task.WaitAsync(timeout, cancellationToken);

    /// <summary>When the job with this token started, if it has.</summary>
    public long? StartOf(string token) =>
        _starts.TryGetValue(token, out var start) && start.Task.IsCompletedSuccessfully ? start.Task.Result : null;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing its standard input stops the server as a service manager would: gracefully.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _ready.TrySetException(new InvalidOperationException("The job server process exited before it was ready."));
        _process.Dispose();
    }

    private TaskCompletionSource<long> Start(string token) =>
        _starts.GetOrAdd(token, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Read(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException("The job server process exited before it was ready."));
        }
        else if (line == JobServerHost.ReadyMarker)
        {
            _ready.TrySetResult();
        }
        else if (line.StartsWith(NoOpJob.StartedMarker + " ", StringComparison.Ordinal)
                 && line.Split(' ') is [_, var token, var timestamp])
        {
            Start(token).TrySetResult(long.Parse(timestamp, CultureInfo.InvariantCulture));
        }
        else
        {
            Forward(line);
        }
    }

    private static void Forward(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine($"    [server] {line}");
        }
    }
}
