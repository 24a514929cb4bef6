using System.Net;
using Outreach.Demo.Processes;

namespace Outreach.Demo.Hosting;

/// <summary>Waits until a host answers HTTP 200, and fails early with its output when it dies while starting.</summary>
internal static class Readiness
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <returns>
    /// 200 once the host answers so; when it answers but never with 200 within <paramref name="timeout"/>, its last
    /// status code. Throws when it never answers or exits.
    /// </returns>
    public static async Task<HttpStatusCode> WaitForOkAsync(ChildProcess host, Uri address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exited = host.WaitForExitAsync(CancellationToken.None);
        HttpStatusCode? lastAnswer = null;
        while (true)
        {
            if (exited.IsCompleted)
            {
                host.WriteLastLines(Console.Error);
                throw new DemoException($"{host.Name} exited with code {host.ExitCode} while starting (its last lines are above).");
            }

            try
            {
                using var response = await Http.GetAsync(address, deadline.Token);
                lastAnswer = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return HttpStatusCode.OK;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!deadline.IsCancellationRequested)
                {
                    continue; // This attempt timed out; the host may be busy starting.
                }

                if (lastAnswer is { } status)
                {
                    return status;
                }

                host.WriteLastLines(Console.Error);
                throw new DemoException($"{host.Name} did not answer at {address} within {timeout.TotalSeconds:0} s (its last lines are above).");
            }

            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
        }
    }
}
