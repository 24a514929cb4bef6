using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Outreach.Integrations.Communities;
using Outreach.Worker.Communities;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Jobs;

public sealed class FanOutTests
{
    private readonly Func<string, CancellationToken, Task> _each = Substitute.For<Func<string, CancellationToken, Task>>();

    [Fact]
    public async Task Every_community_runs_in_code_order_even_after_one_fails_and_the_job_fails_naming_it()
    {
        var fanOut = new FanOut(Communities("GL03", "GL01", "GL02"));
        _each.Invoke(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        _each.Invoke("GL01", Arg.Any<CancellationToken>()).Throws(new CommunitySystemException("GL01", "Community GL01 answered 503 after retries", 503));

        var failure = await Assert.ThrowsAsync<FanOutFailedException>(() => fanOut.EveryCommunityAsync("Roster sync", _each, CancellationToken.None));

        Assert.Equal(["GL01", "GL02", "GL03"], _each.ReceivedCalls().Select(call => (string)call.GetArguments()[0]!));
        Assert.Equal("Roster sync failed for 1 of 3: GL01: Community GL01 answered 503 after retries", failure.Message);
    }

    [Fact]
    public async Task A_fan_out_is_permanent_only_when_every_failure_was()
    {
        _each.Invoke("a", Arg.Any<CancellationToken>()).Throws(new PermanentJobFailureException("feed a is unreadable"));
        _each.Invoke("b", Arg.Any<CancellationToken>()).Throws(new PermanentJobFailureException("feed b is unreadable"));
        _each.Invoke("c", Arg.Any<CancellationToken>()).Throws(new HttpRequestException("connection refused"));

        var allPermanent = await Assert.ThrowsAsync<PermanentJobFailureException>(() => FanOut.EachAsync("Import", ["a", "b"], _each, CancellationToken.None));
        var mixed = await Assert.ThrowsAsync<FanOutFailedException>(() => FanOut.EachAsync("Import", ["a", "c"], _each, CancellationToken.None));

        Assert.Equal("Import failed for 2 of 2: a: feed a is unreadable | b: feed b is unreadable", allPermanent.Message);
        Assert.Equal("Import failed for 2 of 2: a: feed a is unreadable | c: HttpRequestException: connection refused", mixed.Message);
    }

    [Fact]
    public async Task A_cancellation_stops_the_fan_out_at_once()
    {
        _each.Invoke("a", Arg.Any<CancellationToken>()).Throws(new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => FanOut.EachAsync("Import", ["a", "b"], _each, CancellationToken.None));

        await _each.DidNotReceive().Invoke("b", Arg.Any<CancellationToken>());
    }

    private static IOptionsMonitor<CommunityCatalogOptions> Communities(params string[] codes)
    {
        var options = new CommunityCatalogOptions();
        foreach (var code in codes)
        {
            options.Communities[code] = new CommunityEntry { Code = code };
        }

        var monitor = Substitute.For<IOptionsMonitor<CommunityCatalogOptions>>();
        monitor.CurrentValue.Returns(options);
        return monitor;
    }
}
