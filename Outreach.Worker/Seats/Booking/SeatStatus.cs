namespace Outreach.Worker.Seats.Booking;

/// <summary>Where a registration stands, as stored in outreach.seat_registrations.status.</summary>
public static class SeatStatus
{
    public const string Registered = "registered";
    public const string Waiting = "waiting";
    public const string Offered = "offered";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
}

/// <summary>How a reader came to the event (outreach.seat_registrations.channel).</summary>
public static class SeatChannel
{
    public const string Digest = "digest";
    public const string Public = "public";
    public const string Staff = "staff";
    public const string WalkIn = "walk_in";
}
