using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Npgsql;
using Outreach.Integrations.Communities;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Tests.Jobs;

public sealed class RunScopeTests
{
    private const long RunId = 42;
    private static readonly RunSubject Sync = new("sync", "GL03");

    private readonly IRunLog _log = Substitute.For<IRunLog>();
    private readonly JobRuns _runs;

    public RunScopeTests()
    {
        _log.StartAsync("sync", "GL03", Arg.Any<CancellationToken>()).Returns(RunId);
        _runs = new JobRuns(_log, NullLogger<JobRuns>.Instance);
    }

    [Fact]
    public async Task A_run_that_succeeds_is_ended_once_as_succeeded_with_its_counts()
    {
        var counts = await _runs.RunAsync(Sync, async run =>
        {
            var done = new Dictionary<string, long> { ["read"] = 3 };
            await run.SucceedAsync(done, StaffMessage.Of("Sync.FullSnapshot", $"Full snapshot"), CancellationToken.None);
            return done;
        }, CancellationToken.None);

        Assert.Equal(3, counts["read"]);
        await _log.Received(1).FinishAsync(RunId, RunStatus.Succeeded, counts, Said.English("Full snapshot"), Arg.Any<CancellationToken>(), null);
        await _log.DidNotReceiveWithAnyArgs().FinishIfRunningAsync(default, default, default!, default, default);
    }

    [Fact]
    public async Task A_failure_ends_the_run_failed_with_the_counts_so_far_and_leaves_as_it_was_thrown_for_Hangfire_to_retry()
    {
        var read = 0L;
        var failure = new InvalidOperationException("mail for zhang.wei@example.cn bounced");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _runs.RunAsync(Sync, run =>
        {
            run.CountWith(() => new Dictionary<string, long> { ["read"] = read });
            read = 250;
            throw failure;
        }, CancellationToken.None));

        Assert.Same(failure, thrown);
        await _log.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Is<IReadOnlyDictionary<string, long>>(c => c["read"] == 250),
            Said.English("InvalidOperationException: mail for z***@example.cn bounced"), CancellationToken.None, null);
    }

    [Fact]
    public async Task A_refused_input_ends_the_run_refused_with_its_own_counts_and_goes_straight_to_failed()
    {
        var thrown = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _runs.RunAsync(Sync,
            _ => Task.FromException(new RunRefusedException("would withdraw 50 of 100 cards", new Dictionary<string, long> { ["would_withdraw"] = 50 })),
            CancellationToken.None));

        Assert.Equal("would withdraw 50 of 100 cards", thrown.Message);
        Assert.IsType<RunRefusedException>(thrown.InnerException);
        await _log.Received(1).FinishAsync(RunId, RunStatus.Refused, Arg.Is<IReadOnlyDictionary<string, long>>(c => c["would_withdraw"] == 50),
            Said.English("would withdraw 50 of 100 cards"), CancellationToken.None, null);
    }

    [Fact]
    public async Task A_refused_token_is_permanent_and_leaves_as_a_permanent_failure_carrying_the_run_message()
    {
        var refused = new CommunitySystemException("GL03", "Community GL03 refused the hub's token (401)", 401);

        var thrown = await Assert.ThrowsAsync<PermanentJobFailureException>(() => _runs.RunAsync(Sync, _ => Task.FromException(refused), CancellationToken.None));

        Assert.Same(refused, thrown.InnerException);
        await _log.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Any<IReadOnlyDictionary<string, long>>(), Said.English(refused.Message), CancellationToken.None, null);
    }

    [Fact]
    public async Task A_cancelled_run_is_recorded_as_cancelled_with_what_happens_next()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _runs.RunAsync(Sync with { IfCancelled = StaffMessage.Of("Cancelled.NoticesNextRun", $"unsent notices go with the next run") }, _ => Task.FromCanceled(cancel.Token), CancellationToken.None));

        await _log.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Any<IReadOnlyDictionary<string, long>>(),
            Said.English("Cancelled; unsent notices go with the next run."), CancellationToken.None, null);
    }

    [Fact]
    public async Task An_outcome_the_job_expected_is_recorded_with_its_own_words_and_retried()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _runs.RunAsync(Sync,
            run => Task.FromException(run.Incomplete(new InvalidOperationException("2 order(s) could not be pushed this time"))), CancellationToken.None));

        await _log.Received(1).FinishAsync(RunId, RunStatus.Failed, Arg.Any<IReadOnlyDictionary<string, long>>(), Said.English(thrown.Message), CancellationToken.None, null);
    }

    [Fact]
    public async Task A_success_inside_a_transaction_that_never_committed_is_failed_when_the_scope_ends()
    {
        // Only handed on to the run log: the scope never touches it.
        var transaction = (NpgsqlTransaction)RuntimeHelpers.GetUninitializedObject(typeof(NpgsqlTransaction));
        await using (var run = await _runs.BeginAsync(Sync, CancellationToken.None))
        {
            await run.SucceedAsync(new Dictionary<string, long> { ["read"] = 1 }, StaffMessage.Of("Test.Ok", $"ok"), CancellationToken.None, transaction);
        }

        await _log.Received(1).FinishAsync(RunId, RunStatus.Succeeded, Arg.Any<IReadOnlyDictionary<string, long>>(), Said.English("ok"), CancellationToken.None, transaction);

        await _log.Received(1).FinishIfRunningAsync(RunId, RunStatus.Failed, Arg.Any<IReadOnlyDictionary<string, long>>(),
            Said.English("The run stopped without an outcome."), CancellationToken.None);
    }

    [Fact]
    public async Task A_scope_left_without_an_outcome_while_cancelled_records_the_run_as_cancelled_with_its_progress()
    {
        using var cancel = new CancellationTokenSource();
        await using (var run = await _runs.BeginAsync(Sync, cancel.Token))
        {
            await run.ProgressAsync(40, new Dictionary<string, long> { ["read"] = 400 }, CancellationToken.None);
            await cancel.CancelAsync();
        }

        await _log.Received(1).ProgressAsync(RunId, 40, Arg.Any<IReadOnlyDictionary<string, long>>(), CancellationToken.None);
        await _log.Received(1).FinishIfRunningAsync(RunId, RunStatus.Failed, Arg.Is<IReadOnlyDictionary<string, long>>(c => c["read"] == 400),
            Said.English("Cancelled; the retry starts over."), CancellationToken.None);
    }
}
