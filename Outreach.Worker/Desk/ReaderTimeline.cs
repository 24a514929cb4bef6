namespace Outreach.Worker.Desk;

/// <summary>
/// A staff action a timeline item offers: its code and what it acts on (an order and its notice kind, an entry of the card
/// push's outbox and whether it was sent when shown, a digest).
/// </summary>
public sealed record TimelineAction(string Code, string Target, string Kind = "")
{
    public const string ResendNotice = "resend_notice";
    public const string PushCardStatus = "push_card_status";
    public const string MarkAddressBad = "mark_address_bad";
    public const string ReleaseDigestCopy = "release_digest_copy";

    /// <summary>The <see cref="Kind"/> of a card status entry the community had accepted when the page showed it.</summary>
    public const string Sent = "sent";
}

/// <summary>The run that wrote an item: its job, and its Hangfire job when it ran under Hangfire.</summary>
public sealed record TimelineRun(long Id, string Job, string? HangfireJobId);

/// <summary>
/// One thing that happened to a reader, as a sentence of the desk's words for the page to render in the staff member's
/// language, with the run behind it and the action it offers. <see cref="Link"/> is a page of the hub (an order), never a
/// personal value. <see cref="Said"/> is what an outside system said (an SMTP reply, a community's answer, scrubbed), shown as it is.
/// </summary>
public sealed record TimelineItem(DateTimeOffset At, string Kind, TimelineText Text, TimelineRun? Run, string? Link = null, TimelineAction? Action = null,
    string? Said = null);

/// <summary>
/// An item's words: the <see cref="Code"/> of a sentence of the desk's words (the dashboard's reader resources,
/// "Timeline.&lt;code&gt;") and its arguments in order: numbers; strings, which are data shown as they are (community
/// codes, card numbers, titles, order refs); <see cref="TimelineWord"/>s; lists of data; other sentences; stored messages of the
/// message catalog; null for nothing.
/// </summary>
public sealed record TimelineText(string Code, IReadOnlyList<object?> Args)
{
    public static TimelineText Of(string code, params object?[] args) => new(code, args);
}

/// <summary>
/// A stored state (a card's status, a seat's, a mail's) inside an item's words: the page says it in the staff member's
/// language with the words of <see cref="Group"/> ("Group.code"), or shows the code as it is when it has none.
/// </summary>
public sealed record TimelineWord(string Group, string Code);

/// <summary>The groups of words for the states a timeline names.</summary>
public static class TimelineWords
{
    public const string ReaderStatus = "ReaderStatus";
    public const string CardStatus = "CardStatus";
    public const string CardEvent = "CardEvent";
    public const string ConsentSource = "Consent";
    public const string Mail = "Mail";
    public const string OrderStatus = "OrderStatus";
    public const string NoticeKind = "NoticeKind";
    public const string SeatChannel = "SeatChannel";
    public const string SeatStatus = "SeatStatus";
    public const string SeatNotice = "SeatNotice";
    public const string QuarantineReason = "Reason";
}

/// <summary>The codes of timeline items (what kind of record each came from).</summary>
public static class TimelineKinds
{
    public const string Roster = "roster";
    public const string Move = "move";
    public const string Card = "card";
    public const string CardStatus = "card_status";
    public const string Quarantine = "quarantine";
    public const string Digest = "digest";
    public const string Consent = "consent";
    public const string Order = "order";
    public const string Notice = "notice";
    public const string Activity = "activity";
    public const string Suppression = "suppression";
    public const string Preferences = "preferences";
    public const string Seat = "seat";
    public const string SeatNotice = "seat_notice";
    public const string Attendance = "attendance";
}
