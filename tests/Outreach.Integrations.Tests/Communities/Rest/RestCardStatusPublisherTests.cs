using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities.Rest;

public class RestCardStatusPublisherTests
{
    private static CardStatusUpdate Update(string residentId) =>
        new(residentId, $"CARD-{residentId}", CardStatuses.Active, new DateOnly(2026, 11, 20));

    [Fact]
    public async Task Each_card_is_put_to_its_resident_and_204_means_done()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status204NoContent));

        var outcomes = await community.Publisher.PublishAsync("GL01", [Update("GL01-0000001")], CancellationToken.None);

        Assert.Equal([CardPublishOutcome.Succeeded("GL01-0000001")], outcomes);
        var request = Assert.Single(community.Api.Requests);
        Assert.Equal(("PUT", "/api/v1/residents/GL01-0000001/library-card"), (request.Method, request.Path));
        Assert.Equal($"Bearer {RestCommunityFixture.Token}", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("CARD-GL01-0000001", body.RootElement.GetProperty("card_number").GetString());
        Assert.Equal("active", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("2026-11-20", body.RootElement.GetProperty("issued_on").GetString());
    }

    [Fact]
    public async Task Unknown_resident_is_reported_as_not_found_and_the_others_still_go()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, request) =>
            Answers.Status(context, request.Path.Contains("GL01-2", StringComparison.Ordinal) ? StatusCodes.Status404NotFound : StatusCodes.Status204NoContent));

        var outcomes = await community.Publisher.PublishAsync("GL01", [Update("GL01-1"), Update("GL01-2"), Update("GL01-3")], CancellationToken.None);

        Assert.Equal(
            [CardPublishOutcome.Succeeded("GL01-1"), CardPublishOutcome.NotFound("GL01-2"), CardPublishOutcome.Succeeded("GL01-3")],
            outcomes);
    }

    [Fact]
    public async Task Resident_id_is_escaped_in_the_path()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status204NoContent));

        await community.Publisher.PublishAsync("GL01", [Update("GL01/7 8")], CancellationToken.None);

        Assert.Equal("/api/v1/residents/GL01%2F7 8/library-card", Assert.Single(community.Api.Requests).Path);
    }

    [Fact]
    public async Task Update_that_keeps_failing_is_reported_as_failed_with_the_reason()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status500InternalServerError));

        var outcome = Assert.Single(await community.Publisher.PublishAsync("GL01", [Update("GL01-1")], CancellationToken.None));

        Assert.Equal(CardPublishOutcome.Failed("GL01-1", "Community GL01 answered 500 (InternalServerError) when updating a library card, after retries"), outcome);
    }

    [Fact]
    public async Task Refused_token_fails_the_whole_publish()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status401Unauthorized));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.Publisher.PublishAsync("GL01", [Update("GL01-1")], CancellationToken.None));

        Assert.Equal("Community GL01 refused the hub's token (401): check Outreach:Communities:GL01:Token", failure.Message);
    }

    [Fact]
    public async Task Cards_are_put_a_few_at_a_time()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        await using var community = await RestCommunityFixture.StartAsync(async (context, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            await Task.Delay(20, context.RequestAborted);
            Interlocked.Decrement(ref inFlight);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        var outcomes = await community.Publisher.PublishAsync("GL01", Enumerable.Range(1, 40).Select(i => Update($"GL01-{i}")).ToList(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(CardPublishResult.Succeeded, o.Result));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"GL01-{i}"), outcomes.Select(o => o.ResidentId));
        Assert.InRange(mostInFlight, 2, 8);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
            current = seen;
    }
}
