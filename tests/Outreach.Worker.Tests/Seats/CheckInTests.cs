using Outreach.Testing;
using Outreach.Worker.Audit;
using Outreach.Worker.Digests.Links;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.CheckIn;

namespace Outreach.Worker.Tests.Seats;

public sealed class CheckInTests
{
    private static readonly AuditActor Door = new(1, "ada", "198.51.100.7");

    [Fact]
    public async Task Two_check_ins_make_one_attendance_by_card_or_by_code_and_a_walk_in_counts_too()
    {
        await using var world = await SeatsWorld.StartAsync("seats_checkin");
        var readers = await world.ReadersAsync(2);
        var cards = await world.Db.ListAsync("SELECT card_number FROM outreach.cards WHERE reader_id = ANY ($1) ORDER BY reader_id", readers.ToArray());
        var eventId = await world.EventAsync(1, TimeSpan.FromHours(1));
        var registered = await world.Book.RegisterAsync(eventId, readers[0], 0, SeatChannel.Digest, CancellationToken.None);
        var checkIn = world.Get<SeatCheckIn>();
        var code = world.Get<DigestTokens>().ForCheckIn(registered.RegistrationId!.Value);
        world.Clock.Advance(TimeSpan.FromHours(1));

        var first = await checkIn.ByCodeAsync(eventId, code, Door, CancellationToken.None);
        var again = await checkIn.ByCardAsync(eventId, cards[0], Door, CancellationToken.None);
        var walkIn = await checkIn.ByCardAsync(eventId, cards[1].ToLowerInvariant(), Door, CancellationToken.None);
        var walkInAgain = await checkIn.ByCardAsync(eventId, cards[1], Door, CancellationToken.None);

        Assert.True(first is { Verdict: CheckInVerdict.CheckedIn, AlreadyIn: false, WalkIn: false, NameMasked: "座*" }, first.ToString());
        Assert.Equal(cards[0][^4..], first.CardTail);
        Assert.True(again is { Verdict: CheckInVerdict.CheckedIn, AlreadyIn: true });
        Assert.True(walkIn is { Verdict: CheckInVerdict.CheckedIn, WalkIn: true, AlreadyIn: false });
        Assert.True(walkInAgain is { Verdict: CheckInVerdict.CheckedIn, AlreadyIn: true });
        Assert.Equal(2, await world.CountAsync(
            "SELECT count(*) FROM outreach.activities WHERE kind = 'attendance' AND event_id = $1 AND source = 'seats'", eventId));
        Assert.Equal(2, await world.CountAsync("SELECT sum(attendance) FROM outreach.activity_months"));
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'seats_checked_in'"));
        Assert.Equal("walk_in", (await world.Db.ListAsync("SELECT channel FROM outreach.seat_registrations WHERE reader_id = $1", readers[1])).Single());
    }

    [Fact]
    public async Task A_forged_code_an_unknown_card_or_another_events_code_checks_nobody_in()
    {
        await using var world = await SeatsWorld.StartAsync("seats_checkin_refused");
        var readers = await world.ReadersAsync(1);
        var eventId = await world.EventAsync(5, TimeSpan.FromHours(1));
        var other = await world.EventAsync(5, TimeSpan.FromHours(2));
        var registered = await world.Book.RegisterAsync(other, readers[0], 0, SeatChannel.Digest, CancellationToken.None);
        var checkIn = world.Get<SeatCheckIn>();

        Assert.Equal(CheckInVerdict.UnknownCard, (await checkIn.ByCodeAsync(eventId, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Door, CancellationToken.None)).Verdict);
        Assert.Equal(CheckInVerdict.UnknownCard, (await checkIn.ByCardAsync(eventId, "ZB0000000000", Door, CancellationToken.None)).Verdict);
        Assert.Equal(CheckInVerdict.OtherEvent, (await checkIn.ByCodeAsync(eventId,
            world.Get<DigestTokens>().ForCheckIn(registered.RegistrationId!.Value), Door, CancellationToken.None)).Verdict);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.activities"));
    }
}
