using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Http.Resilience;
using Outreach.Integrations.Resilience;
using Polly;

namespace Outreach.Integrations.Communities.Rest;

/// <summary>
/// The typed HttpClient for the communities' v1 API. Calls go through the hub's resilience pipeline; what is
/// still failing afterwards becomes a <see cref="CommunitySystemException"/> a librarian can act on.
/// </summary>
internal sealed class CommunityApiClient(HttpClient http)
{
    private const string ReadingResidents = "reading residents";

    public async Task<ResidentsPage> GetResidentsPageAsync(CommunityOptions community, ResidentsPageRequest request, long rowsBefore, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, request.ToUri(community));
        using var response = await SendAsync(community, message, ReadingResidents, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw Refused(community, response.StatusCode, ReadingResidents);

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await ResidentsPage.ParseAsync(body, rowsBefore, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new CommunitySystemException(community.Code,
                $"Community {community.Code} sent a residents page the hub cannot read ({exception.Message}).", (int)response.StatusCode, exception);
        }
    }

    /// <returns>Succeeded on 2xx, NotFound on 404, Failed on any other answer or when the system cannot be reached.</returns>
    /// <exception cref="CommunitySystemException">The community refused the hub's token: every other update would fail alike.</exception>
    public async Task<CardPublishOutcome> PutLibraryCardAsync(CommunityOptions community, CardStatusUpdate update, CancellationToken cancellationToken)
    {
        const string Operation = "updating a library card";
        var uri = new Uri($"{ResidentsPageRequest.ApiRoot(community)}/residents/{Uri.EscapeDataString(update.ResidentId)}/library-card");
        using var message = new HttpRequestMessage(HttpMethod.Put, uri)
        {
            Content = JsonContent.Create(new LibraryCardBody(update.CardNumber, update.Status, update.IssuedOn)),
        };

        HttpStatusCode status;
        try
        {
            using var response = await SendAsync(community, message, Operation, cancellationToken);
            status = response.StatusCode;
        }
        catch (CommunitySystemException unreachable)
        {
            return CardPublishOutcome.Failed(update.ResidentId, unreachable.Message);
        }

        return status switch
        {
            >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous => CardPublishOutcome.Succeeded(update.ResidentId),
            HttpStatusCode.NotFound => CardPublishOutcome.NotFound(update.ResidentId),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw Refused(community, status, Operation),
            _ => CardPublishOutcome.Failed(update.ResidentId, Describe(community, status, Operation)),
        };
    }

    private Task<HttpResponseMessage> SendAsync(CommunityOptions community, HttpRequestMessage message, string operation, CancellationToken cancellationToken) =>
        http.SendAsync(new OutsideCall(community.Token, (why, exception) => Unreachable(community, operation, why, exception)).Attach(message),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static CommunitySystemException Refused(CommunityOptions community, HttpStatusCode status, string operation) =>
        new(community.Code, Describe(community, status, operation), (int)status);

    private static string Describe(CommunityOptions community, HttpStatusCode status, string operation)
    {
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"Community {community.Code} refused the hub's token ({code}): check {CommunitiesOptions.KeyOf(community.Code, nameof(CommunityOptions.Token))}",
            HttpStatusCode.NotFound when operation == ReadingResidents =>
                $"Community {community.Code} has no residents API at {community.BaseUrl} ({code}): check {CommunitiesOptions.KeyOf(community.Code, nameof(CommunityOptions.BaseUrl))}",
            _ when WasRetried(status) =>
                $"Community {community.Code} answered {code} ({status}) when {operation}, after retries",
            _ => $"Community {community.Code} answered {code} ({status}) when {operation}",
        };
    }

    // The resilience pipeline's own rule, so the message never claims retries that did not happen.
    private static bool WasRetried(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);
        return HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response));
    }

    private static CommunitySystemException Unreachable(CommunityOptions community, string operation, NoAnswer noAnswer, Exception exception)
    {
        var why = noAnswer switch
        {
            NoAnswer.CircuitOpen => "its system failed repeatedly, so the hub pauses calls to it for a while (circuit open)",
            NoAnswer.TimedOut => "its system did not answer in time",
            _ => $"its system could not be reached at {community.BaseUrl} ({exception.Message})",
        };
        return new CommunitySystemException(community.Code, $"Community {community.Code}: {why}, when {operation}", statusCode: null, exception);
    }

    private sealed record LibraryCardBody(
        [property: JsonPropertyName("card_number")] string CardNumber,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("issued_on")] DateOnly IssuedOn);
}
