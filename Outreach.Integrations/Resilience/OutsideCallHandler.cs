using System.Net.Http.Headers;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Outreach.Integrations.Resilience;

/// <summary>
/// The outermost handler of every outside system's HttpClient: puts the call's bearer token on the request, and turns
/// what the resilience pipeline gave up on (an open circuit, a timeout, a network error) into the system's own
/// exception, so each client only reads answers. A request without an <see cref="OutsideCall"/> passes as it is.
/// </summary>
internal sealed class OutsideCallHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = OutsideCall.Of(request);
        if (call is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Token);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException exception)
        {
            throw call.NoAnswer(NoAnswer.CircuitOpen, exception);
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or OperationCanceledException)
        {
            throw call.NoAnswer(NoAnswer.TimedOut, exception);
        }
        catch (HttpRequestException exception)
        {
            throw call.NoAnswer(NoAnswer.Unreachable, exception);
        }
    }
}
