namespace Outreach.Worker.Seats.Notices;

/// <summary>The mail a reader is owed about their seat (outreach.seat_notices.kind).</summary>
public static class SeatNoticeKind
{
    public const string Confirmed = "confirmed";
    public const string Waiting = "waiting";
    public const string Offered = "offered";
    public const string Reminder = "reminder";
    public const string Changed = "changed";
    public const string Cancelled = "cancelled";
}
