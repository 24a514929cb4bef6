using Hangfire.Logging;

namespace Outreach.Worker.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide; when one host of several in a process (tests, tools) is disposed,
/// its logger factory goes with it. Fall back to silence instead of failing the other hosts' jobs.
/// </summary>
internal sealed class ResilientLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new NoOpLogger();
        }
    }

    private sealed class NoOpLogger : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
