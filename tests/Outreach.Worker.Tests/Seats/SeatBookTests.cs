using Outreach.Worker.Audit;
using Outreach.Worker.Seats.Booking;
using Outreach.Worker.Seats.Offers;

namespace Outreach.Worker.Tests.Seats;

public sealed class SeatBookTests
{
    private static readonly AuditActor Staff = new(1, "ada", "198.51.100.7");

    [Fact]
    public async Task Two_hundred_readers_registering_at_once_for_fifty_seats_get_fifty_seats_and_a_list_of_one_hundred_and_fifty()
    {
        await using var world = await SeatsWorld.StartAsync("seats_concurrent");
        var readers = await world.ReadersAsync(200);
        var eventId = await world.EventAsync(50, TimeSpan.FromDays(3));

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registrations = readers.Select(async reader =>
        {
            await gate.Task;
            return await world.Book.RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        }).ToList();
        gate.SetResult();
        var outcomes = await Task.WhenAll(registrations);

        Assert.Equal(50, outcomes.Count(o => o.Verdict == SeatVerdict.Registered));
        Assert.Equal(150, outcomes.Count(o => o.Verdict == SeatVerdict.Waiting));
        Assert.Equal(Enumerable.Range(1, 150), outcomes.Where(o => o.Verdict == SeatVerdict.Waiting).Select(o => o.Position!.Value).Order());
        Assert.Equal(50, await world.CountAsync("SELECT count(*) FROM outreach.seat_registrations WHERE event_id = $1 AND status = 'registered'", eventId));
        Assert.Equal(150, await world.CountAsync("SELECT count(*) FROM outreach.seat_registrations WHERE event_id = $1 AND status = 'waiting'", eventId));
        Assert.Equal(50, await world.CountAsync("SELECT held FROM outreach.event_seats WHERE event_id = $1", eventId));
        Assert.Equal(50, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE kind = 'confirmed'"));
        Assert.Equal(150, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE kind = 'waiting'"));
    }

    [Fact]
    public async Task A_cancellation_offers_the_seat_to_the_first_waiting_reader_and_an_expired_offer_passes_to_the_next()
    {
        await using var world = await SeatsWorld.StartAsync("seats_offers");
        var readers = await world.ReadersAsync(4);
        var eventId = await world.EventAsync(2, TimeSpan.FromDays(5));
        foreach (var reader in readers)
        {
            await world.Book.RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        }

        Assert.Equal(["registered", "registered", "waiting", "waiting"], await world.StatusesAsync(eventId, readers));

        var cancelled = await world.Book.CancelAsync(eventId, readers[0], CancellationToken.None);
        Assert.Equal(SeatVerdict.Cancelled, cancelled.Verdict);
        Assert.Equal(["cancelled", "registered", "offered", "waiting"], await world.StatusesAsync(eventId, readers));
        var offer = await world.Book.StandingAsync(eventId, readers[2], CancellationToken.None);
        Assert.Equal(SeatVerdict.Offered, offer.Verdict);
        Assert.Equal(world.Clock.GetUtcNow().AddHours(24), offer.OfferExpiresAt);
        Assert.Equal(1, await world.CountAsync(
            "SELECT count(*) FROM outreach.seat_notices n JOIN outreach.seat_registrations r ON r.id = n.registration_id WHERE n.kind = 'offered' AND r.reader_id = $1", readers[2]));

        // Before the deadline nothing moves; after it the seat passes on, once however often the sweep runs.
        world.Clock.Advance(TimeSpan.FromHours(23));
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);
        Assert.Equal(["cancelled", "registered", "offered", "waiting"], await world.StatusesAsync(eventId, readers));
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);
        Assert.Equal(["cancelled", "registered", "expired", "offered"], await world.StatusesAsync(eventId, readers));
        Assert.Equal(2, await world.CountAsync("SELECT held FROM outreach.event_seats WHERE event_id = $1", eventId));

        // Too late for the one whose offer ran out; the next one takes the seat.
        Assert.Equal(SeatVerdict.NotRegistered, (await world.Book.AcceptOfferAsync(eventId, readers[2], CancellationToken.None)).Verdict);
        Assert.Equal(SeatVerdict.Registered, (await world.Book.AcceptOfferAsync(eventId, readers[3], CancellationToken.None)).Verdict);
        Assert.Equal(["cancelled", "registered", "expired", "registered"], await world.StatusesAsync(eventId, readers));
        Assert.Equal(1, await world.CountAsync(
            "SELECT count(*) FROM outreach.seat_notices n JOIN outreach.seat_registrations r ON r.id = n.registration_id WHERE n.kind = 'confirmed' AND r.reader_id = $1", readers[3]));
    }

    [Fact]
    public async Task An_offer_never_runs_past_the_cutoff_before_the_start_and_after_the_cutoff_a_free_seat_goes_to_whoever_asks()
    {
        await using var world = await SeatsWorld.StartAsync("seats_cutoff");
        var readers = await world.ReadersAsync(4);
        var eventId = await world.EventAsync(1, TimeSpan.FromHours(10));
        await world.Book.RegisterAsync(eventId, readers[0], 0, SeatChannel.Digest, CancellationToken.None);
        await world.Book.RegisterAsync(eventId, readers[1], 0, SeatChannel.Digest, CancellationToken.None);
        await world.Book.CancelAsync(eventId, readers[0], CancellationToken.None);

        var offer = await world.Book.StandingAsync(eventId, readers[1], CancellationToken.None);
        Assert.Equal(world.Clock.GetUtcNow().AddHours(8), offer.OfferExpiresAt);

        world.Clock.Advance(TimeSpan.FromHours(8));
        await world.Get<SeatSweep>().RunAsync(CancellationToken.None);
        Assert.Equal(["cancelled", "expired"], await world.StatusesAsync(eventId, readers.Take(2)));
        var late = await world.Book.RegisterAsync(eventId, readers[2], 0, SeatChannel.Public, CancellationToken.None);
        Assert.Equal(SeatVerdict.Registered, late.Verdict);
    }

    [Fact]
    public async Task Raising_the_capacity_offers_seats_to_the_list_and_closing_registration_stops_both_registration_and_offers()
    {
        await using var world = await SeatsWorld.StartAsync("seats_controls");
        var readers = await world.ReadersAsync(5);
        var eventId = await world.EventAsync(1, TimeSpan.FromDays(4));
        foreach (var reader in readers.Take(4))
        {
            await world.Book.RegisterAsync(eventId, reader, 0, SeatChannel.Digest, CancellationToken.None);
        }

        var controls = world.Get<SeatControls>();
        Assert.True(await controls.SetCapacityAsync(eventId, 3, Staff, CancellationToken.None));
        Assert.Equal(["registered", "offered", "offered", "waiting"], await world.StatusesAsync(eventId, readers.Take(4)));

        Assert.True(await controls.CloseAsync(eventId, Staff, CancellationToken.None));
        Assert.Equal(SeatVerdict.Closed, (await world.Book.RegisterAsync(eventId, readers[4], 0, SeatChannel.Digest, CancellationToken.None)).Verdict);
        await world.Book.CancelAsync(eventId, readers[0], CancellationToken.None);
        Assert.Equal(["cancelled", "offered", "offered", "waiting"], await world.StatusesAsync(eventId, readers.Take(4)));

        Assert.True(await controls.ReopenAsync(eventId, Staff, CancellationToken.None));
        Assert.Equal(["cancelled", "offered", "offered", "offered"], await world.StatusesAsync(eventId, readers.Take(4)));
        Assert.Equal(3, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE target = $1 AND action LIKE 'seats_%'", SeatControls.Target(eventId)));
    }

    [Fact]
    public async Task Guests_take_seats_a_party_never_jumps_the_list_and_asking_twice_changes_nothing()
    {
        await using var world = await SeatsWorld.StartAsync("seats_guests", settings => settings["Outreach:Seats:MaxGuests"] = "2");
        var readers = await world.ReadersAsync(4);
        var eventId = await world.EventAsync(4, TimeSpan.FromDays(4));

        Assert.Equal(SeatVerdict.TooManyGuests, (await world.Book.RegisterAsync(eventId, readers[0], 3, SeatChannel.Digest, CancellationToken.None)).Verdict);
        Assert.Equal(SeatVerdict.Registered, (await world.Book.RegisterAsync(eventId, readers[0], 2, SeatChannel.Digest, CancellationToken.None)).Verdict);
        var again = await world.Book.RegisterAsync(eventId, readers[0], 2, SeatChannel.Digest, CancellationToken.None);
        Assert.True(again is { Verdict: SeatVerdict.Registered, Unchanged: true });
        Assert.Equal(SeatVerdict.Waiting, (await world.Book.RegisterAsync(eventId, readers[1], 2, SeatChannel.Digest, CancellationToken.None)).Verdict);
        // One seat is free, but the party of three ahead is first in line.
        Assert.Equal(SeatVerdict.Waiting, (await world.Book.RegisterAsync(eventId, readers[2], 0, SeatChannel.Digest, CancellationToken.None)).Verdict);
        Assert.Equal(3, await world.CountAsync("SELECT held FROM outreach.event_seats WHERE event_id = $1", eventId));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.seat_notices WHERE kind = 'confirmed'"));

        await world.Book.CancelAsync(eventId, readers[0], CancellationToken.None);
        Assert.Equal(["cancelled", "offered", "offered", "none"], await world.StatusesAsync(eventId, readers));
        Assert.Equal(4, await world.CountAsync("SELECT held FROM outreach.event_seats WHERE event_id = $1", eventId));
    }
}
