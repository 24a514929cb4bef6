using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Tests.Communities.Rest;

namespace Outreach.Integrations.Tests.Bookstore;

public class BookstoreApiClientTests
{
    private const string Accepted = """{"order_id":"XH-88123","status":"accepted"}""";

    [Fact]
    public async Task Order_is_posted_with_its_ref_as_the_idempotency_key_and_201_means_created()
    {
        string? key = null;
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) =>
        {
            key = context.Request.Headers["Idempotency-Key"];
            return Answers.Json(context, Accepted, StatusCodes.Status201Created);
        });

        var result = await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None);

        Assert.Equal((PushOutcome.Created, "XH-88123"), (result.Outcome, result.OrderId));
        var request = Assert.Single(bookstore.Api.Requests);
        Assert.Equal(("POST", "/bookstore/api/v1/orders"), (request.Method, request.Path));
        Assert.Equal("BO-2026-000123", key);
        Assert.Equal($"Bearer {BookstoreFixture.Token}", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("BO-2026-000123", root.GetProperty("order_ref").GetString());
        Assert.Equal("9787020002207", root.GetProperty("isbn").GetString());
        Assert.Equal("红楼梦", root.GetProperty("title").GetString());
        Assert.Equal(1, root.GetProperty("quantity").GetInt32());
        Assert.Equal("library_desk", root.GetProperty("deliver_to").GetProperty("kind").GetString());
        Assert.False(root.GetProperty("deliver_to").TryGetProperty("community", out _));
        Assert.Equal("ZB0001000011", root.GetProperty("reader_card").GetString());
        Assert.Equal("SOC-2026", root.GetProperty("budget_code").GetString());
    }

    [Fact]
    public async Task A_community_room_delivery_names_its_community()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Json(context, Accepted, StatusCodes.Status201Created));

        await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(deliverTo: DeliverTo.CommunityRoom, community: "GL03"), CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(bookstore.Api.Requests).Body);
        Assert.Equal("GL03", body.RootElement.GetProperty("deliver_to").GetProperty("community").GetString());
    }

    [Theory]
    [InlineData(DeliverTo.LibraryDesk, null, new[] { "kind" })]
    [InlineData(DeliverTo.CommunityRoom, "GL03", new[] { "kind", "community" })]
    public async Task An_order_carries_the_fields_of_the_bookstores_contract_and_nothing_else(string deliverTo, string? community, string[] deliveryFields)
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Json(context, Accepted, StatusCodes.Status201Created));

        await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(deliverTo: deliverTo, community: community), CancellationToken.None);

        // /work/shared/specs/bookstore.md: order_ref, isbn, title, quantity, deliver_to {kind, community}, reader_card, budget_code.
        // No name, phone, email, address or price of the reader's leaves the hub with an order.
        using var body = JsonDocument.Parse(Assert.Single(bookstore.Api.Requests).Body);
        Assert.Equal(["budget_code", "deliver_to", "isbn", "order_ref", "quantity", "reader_card", "title"],
            body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(deliveryFields, body.RootElement.GetProperty("deliver_to").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Answer_200_is_the_order_the_bookstore_already_held()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Json(context, Accepted, StatusCodes.Status200OK));

        var result = await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None);

        Assert.Equal((PushOutcome.AlreadyHeld, "XH-88123"), (result.Outcome, result.OrderId));
    }

    [Fact]
    public async Task A_422_is_final_rejected_with_its_reason_and_never_retried()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) =>
            Answers.Json(context, """{"error":"isbn_not_in_catalog"}""", StatusCodes.Status422UnprocessableEntity));

        var result = await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None);

        Assert.Equal((PushOutcome.Rejected, "isbn_not_in_catalog"), (result.Outcome, result.Error));
        Assert.Contains("not in the bookstore's catalogue", result.Message, StringComparison.Ordinal);
        Assert.Single(bookstore.Api.Requests);
    }

    [Fact]
    public async Task A_409_is_not_accepted_and_not_retried()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) =>
            Answers.Json(context, """{"error":"idempotency_conflict"}""", StatusCodes.Status409Conflict));

        var result = await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None);

        Assert.Equal(PushOutcome.NotAccepted, result.Outcome);
        Assert.Contains("different order under the key BO-2026-000123 (409)", result.Message, StringComparison.Ordinal);
        Assert.Single(bookstore.Api.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_with_the_same_key_and_body()
    {
        var calls = 0;
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            return Answers.Json(context, Accepted, StatusCodes.Status200OK);
        });

        var result = await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None);

        Assert.Equal(PushOutcome.AlreadyHeld, result.Outcome);
        var requests = bookstore.Api.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Fact]
    public async Task A_429_with_retry_after_and_a_503_are_retried_until_the_order_is_accepted()
    {
        var calls = 0;
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) =>
        {
            switch (Interlocked.Increment(ref calls))
            {
                case 1:
                    context.Response.Headers.RetryAfter = "0";
                    return Answers.Status(context, StatusCodes.Status429TooManyRequests);
                case 2:
                    return Answers.Status(context, StatusCodes.Status503ServiceUnavailable);
                default:
                    return Answers.Json(context, Accepted, StatusCodes.Status201Created);
            }
        });

        var result = await bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None);

        Assert.Equal(PushOutcome.Created, result.Outcome);
        Assert.Equal(3, bookstore.Api.Requests.Count);
    }

    [Fact]
    public async Task A_bookstore_that_keeps_failing_is_a_transient_failure_after_the_retries()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status500InternalServerError));

        var failure = await Assert.ThrowsAsync<BookstoreException>(() => bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None));

        Assert.Equal(BookstoreFailure.Transient, failure.Failure);
        Assert.Equal("The bookstore answered 500 (InternalServerError) when pushing an order, after retries", failure.Message);
        Assert.Equal(4, bookstore.Api.Requests.Count);
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized)]
    [InlineData(StatusCodes.Status403Forbidden)]
    public async Task A_refused_token_is_a_configuration_failure_naming_the_key_and_is_not_retried(int status)
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Status(context, status));

        var failure = await Assert.ThrowsAsync<BookstoreException>(() => bookstore.Bookstore.GetChangesAsync(0, CancellationToken.None));

        Assert.Equal(BookstoreFailure.Configuration, failure.Failure);
        Assert.Contains("check Outreach:Bookstore:Token", failure.Message, StringComparison.Ordinal);
        Assert.Single(bookstore.Api.Requests);
    }

    [Fact]
    public async Task An_unconfigured_bookstore_fails_naming_the_keys_to_set()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Status(context, 200),
            new Dictionary<string, string?> { ["Outreach:Bookstore:BaseUrl"] = null, ["Outreach:Bookstore:Token"] = null });

        var failure = await Assert.ThrowsAsync<BookstoreException>(() => bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None));

        Assert.Equal(BookstoreFailure.Configuration, failure.Failure);
        Assert.Equal("The bookstore is not configured: set Outreach:Bookstore:BaseUrl and Outreach:Bookstore:Token", failure.Message);
        Assert.Empty(bookstore.Api.Requests);
    }

    [Fact]
    public async Task Changes_are_read_after_the_given_seq_a_page_at_a_time()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Json(context, """
            {"changes":[{"seq":41,"order_id":"XH-88123","order_ref":"BO-2026-000123","status":"shipped","at":"2026-11-20T18:00:00+08:00","note":"顺丰 SF123"}],
             "last_seq":41}
            """));

        var page = await bookstore.Bookstore.GetChangesAsync(40, CancellationToken.None);

        var request = Assert.Single(bookstore.Api.Requests);
        Assert.Equal(("GET", "/bookstore/api/v1/orders/changes", "40", "50"), (request.Method, request.Path, request.QueryValue("after"), request.QueryValue("limit")));
        Assert.Equal(41, page.LastSeq);
        var change = Assert.Single(page.Changes);
        Assert.Equal(new OrderChange(41, "XH-88123", "BO-2026-000123", "shipped", new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.FromHours(8)), "顺丰 SF123"), change);
    }

    [Fact]
    public async Task A_change_without_an_order_ref_makes_the_page_unreadable()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Json(context,
            """{"changes":[{"seq":41,"order_id":"XH-1","status":"shipped","at":"2026-11-20T18:00:00+08:00"}],"last_seq":41}"""));

        var failure = await Assert.ThrowsAsync<BookstoreException>(() => bookstore.Bookstore.GetChangesAsync(0, CancellationToken.None));

        Assert.Equal(BookstoreFailure.Unreadable, failure.Failure);
        Assert.Contains("order_ref is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_stops_calling_the_bookstore()
    {
        await using var bookstore = await BookstoreFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status503ServiceUnavailable),
            new Dictionary<string, string?>
            {
                ["Outreach:Resilience:CircuitBreakerMinimumThroughput"] = "4",
                ["Outreach:Resilience:CircuitBreakerBreakDuration"] = "00:01:00",
            });

        var failures = new List<BookstoreException>();
        for (var i = 0; i < 4; i++)
            failures.Add(await Assert.ThrowsAsync<BookstoreException>(() => bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None)));
        var seen = bookstore.Api.Requests.Count;
        var open = await Assert.ThrowsAsync<BookstoreException>(() => bookstore.Bookstore.PushOrderAsync(BookstoreFixture.Order(), CancellationToken.None));

        Assert.Contains(failures, f => f.Failure == BookstoreFailure.CircuitOpen);
        Assert.Equal(BookstoreFailure.CircuitOpen, open.Failure);
        Assert.Contains("circuit open", open.Message, StringComparison.Ordinal);
        Assert.Equal(seen, bookstore.Api.Requests.Count);
    }
}
