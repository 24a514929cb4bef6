namespace Outreach.Worker.Seats.Booking;

/// <summary>What a request for a seat (or to give one up) came to.</summary>
public enum SeatVerdict
{
    /// <summary>The reader holds a seat (now, or already did).</summary>
    Registered,

    /// <summary>The event is full: the reader is on the waitlist (now, or already was).</summary>
    Waiting,

    /// <summary>A freed seat is offered to the reader until <see cref="SeatOutcome.OfferExpiresAt"/>.</summary>
    Offered,

    /// <summary>The reader has no place at the event (never asked, or gave it up).</summary>
    NotRegistered,

    /// <summary>The reader gave up their place (or had none to give up).</summary>
    Cancelled,

    /// <summary>The offer ran out before the reader took it.</summary>
    OfferExpired,

    /// <summary>Staff closed registration.</summary>
    Closed,

    /// <summary>The event was cancelled or has started.</summary>
    Over,

    /// <summary>No such event, or it has no seats to register for.</summary>
    NoSeats,

    /// <summary>No such reader, or not an active one.</summary>
    NotAReader,

    /// <summary>More guests than Outreach:Seats:MaxGuests.</summary>
    TooManyGuests,
}

/// <summary>The verdict with the registration it concerns, the reader's place on the list and the offer's deadline.</summary>
public sealed record SeatOutcome(SeatVerdict Verdict, long? RegistrationId = null, int? Position = null, DateTimeOffset? OfferExpiresAt = null)
{
    /// <summary>True when the request changed nothing because the reader was already where it would put them.</summary>
    public bool Unchanged { get; init; }
}
