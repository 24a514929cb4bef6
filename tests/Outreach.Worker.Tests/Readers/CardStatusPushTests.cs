using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Outreach.Integrations.Communities;
using Outreach.Worker.Readers;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Worker.Tests.Readers;

public sealed class CardStatusPushTests
{
    private static readonly PendingCard[] Owed =
    [
        new(1, "GL01-1", "ZB000000011", CardStatuses.Active, new DateOnly(2026, 11, 20)),
        new(2, "GL01-2", "ZB000000022", CardStatuses.Withdrawn, new DateOnly(2026, 3, 5)),
        new(3, "GL01-3", "ZB000000033", CardStatuses.Active, new DateOnly(2026, 11, 20)),
    ];

    private readonly ICardStatusOutbox _outbox = Substitute.For<ICardStatusOutbox>();
    private readonly ICardStatusPublisher _community = Substitute.For<ICardStatusPublisher>();
    private readonly CardStatusPush _push;

    public CardStatusPushTests()
    {
        _outbox.TryLockAsync("GL01", Arg.Any<CancellationToken>()).Returns(Substitute.For<IAsyncDisposable>());
        _outbox.PendingAsync("GL01", "", 2, Arg.Any<CancellationToken>()).Returns(Owed[..2]);
        _outbox.PendingAsync("GL01", "GL01-2", 2, Arg.Any<CancellationToken>()).Returns(Owed[2..]);
        _outbox.PendingAsync("GL01", "GL01-3", 2, Arg.Any<CancellationToken>()).Returns([]);
        _push = new CardStatusPush(_outbox, _community, Options.Create(new ReadersOptions { CardPushBatchSize = 2 }), NullLogger<CardStatusPush>.Instance);
    }

    [Fact]
    public async Task The_statuses_owed_go_out_in_batches_and_every_answer_is_recorded_against_its_entry()
    {
        _community.PublishAsync("GL01", Arg.Any<IReadOnlyList<CardStatusUpdate>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<IReadOnlyList<CardStatusUpdate>>().Select(u => CardPublishOutcome.Succeeded(u.ResidentId)).ToList());

        await _push.RunAsync("GL01", CancellationToken.None);

        await _community.Received(1).PublishAsync("GL01", Arg.Is<IReadOnlyList<CardStatusUpdate>>(u => string.Join(",", u.Select(x => x.ResidentId)) == "GL01-1,GL01-2"),
            Arg.Any<CancellationToken>());
        await _community.Received(1).PublishAsync("GL01", Arg.Is<IReadOnlyList<CardStatusUpdate>>(u => u.Single().CardNumber == "ZB000000033"), Arg.Any<CancellationToken>());
        await _outbox.Received(2).RecordAsync(Arg.Any<IReadOnlyList<PendingCard>>(), Arg.Any<IReadOnlyList<CardPublishOutcome>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_update_the_community_did_not_take_is_recorded_and_fails_the_job_so_that_hangfire_retries_it()
    {
        _community.PublishAsync("GL01", Arg.Any<IReadOnlyList<CardStatusUpdate>>(), Arg.Any<CancellationToken>())
            .Returns(
                [CardPublishOutcome.Succeeded("GL01-1"), CardPublishOutcome.NotFound("GL01-2")],
                [CardPublishOutcome.Failed("GL01-3", "Community GL01 answered 503 (ServiceUnavailable) when updating a library card, after retries")]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _push.RunAsync("GL01", CancellationToken.None));

        Assert.Equal("1 card status(es) could not be sent to community GL01 (2 sent); first error: Community GL01 answered 503 (ServiceUnavailable) "
            + "when updating a library card, after retries. They are retried.", failure.Message);
        await _outbox.Received(1).RecordAsync(Arg.Is<IReadOnlyList<PendingCard>>(b => b.Single().Id == 3),
            Arg.Is<IReadOnlyList<CardPublishOutcome>>(o => o.Single().Result == CardPublishResult.Failed), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_community_another_worker_is_pushing_is_left_to_it()
    {
        _outbox.TryLockAsync("GL01", Arg.Any<CancellationToken>()).Returns((IAsyncDisposable?)null);

        await _push.RunAsync("GL01", CancellationToken.None);

        await _outbox.DidNotReceiveWithAnyArgs().PendingAsync(default!, default!, default, default);
        await _community.DidNotReceiveWithAnyArgs().PublishAsync(default!, default!, default);
    }
}
