using System.Text;
using Microsoft.AspNetCore.Http;
using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities.Rest;

public class RestCommunityDirectoryTests
{
    [Fact]
    public async Task Full_snapshot_follows_next_until_null_and_keeps_the_last_cursor()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, request) => Answers.Json(context, request.QueryValue("since") switch
        {
            null => Answers.Page(["GL01-1", "GL01-2"], next: "page-2"),
            "page-2" => Answers.Page(["GL01-3", "GL01-4"], next: "page-3"),
            _ => Answers.Page(["GL01-5"], next: null, cursor: "changes-after-5"),
        }));

        var (reading, rows) = await community.ReadRosterAsync();

        Assert.True(reading.IsFullSnapshot);
        Assert.Equal("rest", reading.Source);
        Assert.Equal(["GL01-1", "GL01-2", "GL01-3", "GL01-4", "GL01-5"], rows.Select(r => r.ResidentId));
        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("changes-after-5", reading.NextCursor);
        var requests = community.Api.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(("GET", "/api/v1/residents", "2"), (r.Method, r.Path, r.QueryValue("limit"))));
        Assert.All(requests, r => Assert.Equal($"Bearer {RestCommunityFixture.Token}", r.Authorization));
        Assert.Null(requests[0].QueryValue("since"));
    }

    [Fact]
    public async Task Incremental_run_starts_from_the_stored_cursor()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) =>
            Answers.Json(context, Answers.Page(["GL01-9"], next: null, cursor: "c-8")));

        var (reading, rows) = await community.ReadRosterAsync(sinceCursor: "c 7/+");

        Assert.False(reading.IsFullSnapshot);
        Assert.Equal("c 7/+", Assert.Single(community.Api.Requests).QueryValue("since"));
        Assert.Equal("c-8", reading.NextCursor);
        Assert.Single(rows);
    }

    [Fact]
    public async Task Next_given_as_a_link_is_followed_as_it_is()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, request) => Answers.Json(context, request.QueryValue("page") switch
        {
            null => Answers.Page(["GL01-1"], next: "/api/v1/residents?limit=2&page=2"),
            _ => Answers.Page(["GL01-2"], next: null, cursor: "c"),
        }));

        var (_, rows) = await community.ReadRosterAsync();

        Assert.Equal(2, rows.Count);
        Assert.Equal("2", community.Api.Requests.Last().QueryValue("page"));
    }

    [Fact]
    public async Task Cursor_is_unknown_until_the_roster_was_read()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) =>
            Answers.Json(context, Answers.Page(["GL01-1"], next: null, cursor: "c-1")));

        await using var reading = await community.Directory.OpenRosterAsync("GL01", null, CancellationToken.None);

        Assert.Null(reading!.NextCursor);
        Assert.Empty(community.Api.Requests);
    }

    [Fact]
    public async Task Rows_carry_their_json_text_and_booleans_as_text()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) =>
            Answers.Json(context, Answers.Page(["GL01-1"], next: null)));

        var (_, rows) = await community.ReadRosterAsync();

        var row = Assert.Single(rows);
        Assert.Equal(Answers.Resident("GL01-1"), row.RawText);
        Assert.Equal(("true", "false", "邱叶"), (row.WantsLibraryCard, row.EmailOptIn, row.Name));
        Assert.IsType<RowVerdict.Accepted>(ResidentRowValidator.Validate(row, CommunityKind.Rest));
    }

    [Fact]
    public async Task Resident_with_a_field_of_the_wrong_json_kind_is_kept_as_malformed()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) =>
            Answers.Json(context, """{"residents":[{"resident_id":"GL01-1","name":{"given":"叶"}}, 42],"next":null}"""));

        var (_, rows) = await community.ReadRosterAsync();

        Assert.Equal(2, rows.Count);
        Assert.Equal("name is a JSON object, not a value", rows[0].FormatProblem);
        Assert.Equal("resident is not a JSON object", rows[1].FormatProblem);
        Assert.Equal("42", rows[1].RawText);
    }

    [Fact]
    public async Task Sample_snapshot_reads_whole_and_every_resident_passes_the_rest_rules()
    {
        var snapshot = await File.ReadAllTextAsync(TestData.PathOf("residents_GL01_snapshot.json"), Encoding.UTF8);
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Json(context, snapshot));

        var (_, rows) = await community.ReadRosterAsync();

        Assert.Equal(300, rows.Count);
        Assert.All(rows, row => Assert.IsType<RowVerdict.Accepted>(ResidentRowValidator.Validate(row, CommunityKind.Rest)));
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_wait_the_server_asked_for()
    {
        var calls = 0;
        await using var community = await RestCommunityFixture.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return Answers.Status(context, StatusCodes.Status429TooManyRequests);
            }
            return Answers.Json(context, Answers.Page(["GL01-1"], next: null));
        });

        var (_, rows) = await community.ReadRosterAsync();

        Assert.Single(rows);
        var requests = community.Api.Requests.ToList();
        Assert.Equal(2, requests.Count);
        // Retry-After: 1 s, capped by the test's RetryMaxDelay of 300 ms; the backoff alone would wait about 1 ms.
        Assert.True(requests[1].Since(requests[0]) >= TimeSpan.FromMilliseconds(250), $"waited only {requests[1].Since(requests[0])}");
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_system_answers()
    {
        var calls = 0;
        await using var community = await RestCommunityFixture.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) <= 2
                ? Answers.Status(context, StatusCodes.Status500InternalServerError)
                : Answers.Json(context, Answers.Page(["GL01-1"], next: null)));

        var (_, rows) = await community.ReadRosterAsync();

        Assert.Single(rows);
        Assert.Equal(3, community.Api.Requests.Count);
    }

    [Fact]
    public async Task Server_that_keeps_failing_surfaces_with_community_and_status()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status503ServiceUnavailable));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.Equal("Community GL01 answered 503 (ServiceUnavailable) when reading residents, after retries", failure.Message);
        Assert.Equal(("GL01", 503), (failure.CommunityCode, failure.StatusCode));
        Assert.Equal(4, community.Api.Requests.Count);
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized)]
    [InlineData(StatusCodes.Status403Forbidden)]
    public async Task Refused_token_fails_at_once_with_what_to_check(int status)
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, status));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.Equal($"Community GL01 refused the hub's token ({status}): check Outreach:Communities:GL01:Token", failure.Message);
        Assert.DoesNotContain(RestCommunityFixture.Token, failure.ToString(), StringComparison.Ordinal);
        Assert.Single(community.Api.Requests);
    }

    [Fact]
    public async Task Wrong_base_url_fails_with_what_to_check()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Status(context, StatusCodes.Status404NotFound));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.Equal($"Community GL01 has no residents API at {community.Api.BaseUrl} (404): check Outreach:Communities:GL01:BaseUrl", failure.Message);
        Assert.Single(community.Api.Requests);
    }

    [Fact]
    public async Task Page_that_is_not_json_fails_visibly()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Json(context, "<html>maintenance</html>"));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.StartsWith("Community GL01 sent a residents page the hub cannot read", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_that_does_not_advance_fails_instead_of_looping()
    {
        await using var community = await RestCommunityFixture.StartAsync((context, _) => Answers.Json(context, Answers.Page(["GL01-1"], next: "same")));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.Contains("paging is stuck", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, community.Api.Requests.Count);
    }

    [Fact]
    public async Task System_that_keeps_failing_opens_the_circuit()
    {
        await using var community = await RestCommunityFixture.StartAsync(
            (context, _) => Answers.Status(context, StatusCodes.Status500InternalServerError),
            new Dictionary<string, string?> { ["Outreach:Resilience:CircuitBreakerMinimumThroughput"] = "2" });

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.Contains("circuit open", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, community.Api.Requests.Count);
    }

    [Fact]
    public async Task Unreachable_system_fails_naming_the_community()
    {
        var api = await CommunityApiSimulator.StartAsync((context, _) => Task.CompletedTask);
        var baseUrl = api.BaseUrl;
        await api.DisposeAsync();
        await using var community = await RestCommunityFixture.StartAsync(
            (context, _) => Task.CompletedTask,
            new Dictionary<string, string?> { ["Outreach:Communities:GL01:BaseUrl"] = baseUrl.ToString() });

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => community.ReadRosterAsync());

        Assert.StartsWith($"Community GL01: its system could not be reached at {baseUrl}", failure.Message, StringComparison.Ordinal);
    }
}
