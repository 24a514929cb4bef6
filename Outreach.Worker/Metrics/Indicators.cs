using Outreach.Worker.Digests.Events;

namespace Outreach.Worker.Metrics;

/// <summary>How an indicator's value reads, and so how its change is shown.</summary>
public enum IndicatorUnit
{
    /// <summary>A number of things; change in units and per cent.</summary>
    Count,

    /// <summary>A share between 0 and 1, shown as a percentage; change in percentage points.</summary>
    Share,

    /// <summary>Per resident of the population served.</summary>
    PerCapita,

    /// <summary>Per 1,000 residents of the population served.</summary>
    PerThousand,

    /// <summary>Calendar days; change in days.</summary>
    Days,

    /// <summary>Yuan.</summary>
    Yuan,
}

/// <summary>One indicator: its key in storage and the API, titles, unit, group, and the standard it follows.</summary>
public sealed record Indicator(string Key, string Title, string ChineseTitle, IndicatorUnit Unit, string Group, string Standard,
    bool Charted = false);

/// <summary>
/// The indicators, in report order (definitions: docs/metrics.md). Spend per budget line adds one indicator per line
/// found in the data, keyed <c>spend:CODE</c>; the seat indicators by kind of event one per kind found, keyed
/// <c>seats:KIND:INDICATOR</c>.
/// </summary>
public static class Indicators
{
    public const string PopulationServed = "population_served";
    public const string CardHolders = "card_holders";
    public const string NewCards = "new_cards";
    public const string WithdrawnCards = "withdrawn_cards";
    public const string CardHolderShare = "card_holder_share";
    public const string ActiveReaders = "active_readers";
    public const string PopulationReached = "population_reached";
    public const string Visits = "visits";
    public const string VisitsPerCapita = "visits_per_capita";
    public const string Loans = "loans";
    public const string LoansPerCapita = "loans_per_capita";
    public const string EresourceSessions = "eresource_sessions";
    public const string EventsHeld = "events_held";
    public const string Attendance = "attendance";
    public const string AttendancePerThousand = "attendance_per_1000";
    public const string SeatCapacity = "seat_capacity";
    public const string SeatRegistrations = "seat_registrations";
    public const string SeatFillRate = "seat_fill_rate";
    public const string SeatWaitlistDemand = "seat_waitlist_demand";
    public const string SeatNoShows = "seat_no_shows";
    public const string SeatNoShowRate = "seat_no_show_rate";
    public const string SeatKindPrefix = "seats:";
    public const string DigestRecipients = "digest_recipients";
    public const string DigestSent = "digest_sent";
    public const string DigestDelivered = "digest_delivered";
    public const string DigestBounced = "digest_bounced";
    public const string DigestBounceRate = "digest_bounce_rate";
    public const string DigestUnsubscribes = "digest_unsubscribes";
    public const string DigestUnsubscribeRate = "digest_unsubscribe_rate";
    public const string OrdersRequested = "orders_requested";
    public const string OrdersDelivered = "orders_delivered";
    public const string OrdersClosedUndelivered = "orders_closed_undelivered";
    public const string OrdersFulfilmentRate = "orders_fulfilment_rate";
    public const string OrderDaysMedian = "order_days_median";
    public const string OrderDaysP90 = "order_days_p90";
    public const string SpendTotal = "spend_total";
    public const string SpendPrefix = "spend:";
    public const string QuarantinedRows = "quarantined_rows";
    public const string FailedRuns = "failed_runs";

    private const string Iso2789 = "ISO 2789 / GB/T 13191";
    private const string Iso11620 = "ISO 11620 / GB/T 29182";

    public static IReadOnlyList<Indicator> All { get; } =
    [
        new(PopulationServed, "Population served", "服务人口", IndicatorUnit.Count, "Population and cards", $"{Iso2789}: population to be served"),
        new(CardHolders, "Card holders at month end", "月末持证读者", IndicatorUnit.Count, "Population and cards", $"{Iso2789}: registered users",
            Charted: true),
        new(NewCards, "New cards", "新办证", IndicatorUnit.Count, "Population and cards", $"{Iso2789}: registered users (new registrations)"),
        new(WithdrawnCards, "Withdrawn cards", "注销证", IndicatorUnit.Count, "Population and cards", $"{Iso2789}: registered users (deregistrations)"),
        new(CardHolderShare, "Share of the population holding a card", "持证率", IndicatorUnit.Share, "Population and cards",
            $"{Iso2789}: registered users as a share of the population to be served"),
        new(ActiveReaders, "Active readers", "活跃读者", IndicatorUnit.Count, "Use", $"{Iso2789}: active users", Charted: true),
        new(PopulationReached, "Share of the population reached", "人口覆盖率", IndicatorUnit.Share, "Use",
            $"{Iso11620} B.2.4.1: percentage of the target population reached"),
        new(Visits, "Visits", "到馆人次", IndicatorUnit.Count, "Use", $"{Iso2789}: visits (gate count)", Charted: true),
        new(VisitsPerCapita, "Visits per capita", "人均到馆", IndicatorUnit.PerCapita, "Use", $"{Iso11620} B.2.2.1: library visits per capita"),
        new(Loans, "Loans", "借阅册次", IndicatorUnit.Count, "Use", $"{Iso2789}: loans (initial loans)", Charted: true),
        new(LoansPerCapita, "Loans per capita", "人均借阅", IndicatorUnit.PerCapita, "Use", $"{Iso11620} B.2.1.2: loans per capita"),
        new(EresourceSessions, "E-resource sessions", "电子资源访问", IndicatorUnit.Count, "Use", $"{Iso2789}: sessions (electronic resources)",
            Charted: true),
        new(EventsHeld, "Events held", "活动场次", IndicatorUnit.Count, "Events", $"{Iso2789}: events"),
        new(Attendance, "Event attendance", "活动参与人次", IndicatorUnit.Count, "Events", $"{Iso2789}: attendances at events", Charted: true),
        new(AttendancePerThousand, "Attendance per 1,000 population", "每千人活动参与", IndicatorUnit.PerThousand, "Events",
            $"{Iso11620} B.2.2.5: user attendances at library events per capita (per 1,000 population)"),
        new(SeatCapacity, "Seats offered", "提供座位", IndicatorUnit.Count, "Events", "Hub's own: capacity of the events with seats"),
        new(SeatRegistrations, "Seat registrations", "报名人数", IndicatorUnit.Count, "Events", "Hub's own: readers holding a registered seat"),
        new(SeatFillRate, "Seat fill rate", "座位使用率", IndicatorUnit.Share, "Events", "Hub's own: seats taken (guests and walk-ins included) / seats offered"),
        new(SeatWaitlistDemand, "Readers on a waitlist", "候补人数", IndicatorUnit.Count, "Events", "Hub's own: readers who joined a waitlist"),
        new(SeatNoShows, "No-shows", "报名未到", IndicatorUnit.Count, "Events", "Hub's own: registered readers not checked in"),
        new(SeatNoShowRate, "No-show rate", "报名未到率", IndicatorUnit.Share, "Events", "Hub's own: no-shows / seat registrations"),
        new(DigestRecipients, "Digest recipients", "周报收件读者", IndicatorUnit.Count, "Digests", "Hub's own: readers a digest was sent to"),
        new(DigestSent, "Digest messages accepted by the mail server", "周报发出封数", IndicatorUnit.Count, "Digests", "Hub's own"),
        new(DigestDelivered, "Digest messages delivered", "周报送达封数", IndicatorUnit.Count, "Digests", "Hub's own: accepted and not bounced"),
        new(DigestBounced, "Digest messages bounced", "周报退信封数", IndicatorUnit.Count, "Digests", "Hub's own"),
        new(DigestBounceRate, "Digest bounce rate", "周报退信率", IndicatorUnit.Share, "Digests", "Hub's own: bounced / accepted"),
        new(DigestUnsubscribes, "Unsubscribes", "退订人数", IndicatorUnit.Count, "Digests", "Hub's own"),
        new(DigestUnsubscribeRate, "Unsubscribe rate", "退订率", IndicatorUnit.Share, "Digests", "Hub's own: unsubscribes / recipients"),
        new(OrdersRequested, "Book orders requested", "荐购申请", IndicatorUnit.Count, "Book orders", "Hub's own"),
        new(OrdersDelivered, "Book orders delivered", "荐购送达", IndicatorUnit.Count, "Book orders", "Hub's own"),
        new(OrdersClosedUndelivered, "Book orders closed undelivered", "荐购未送达结案", IndicatorUnit.Count, "Book orders",
            "Hub's own: cancelled, rejected or declined"),
        new(OrdersFulfilmentRate, "Fulfilment rate", "荐购满足率", IndicatorUnit.Share, "Book orders",
            "Hub's own: delivered / (delivered + closed undelivered)"),
        new(OrderDaysMedian, "Median days from request to delivery", "荐购到书天数中位数", IndicatorUnit.Days, "Book orders",
            $"{Iso11620} B.3.2.1: median time of document acquisition"),
        new(OrderDaysP90, "90th percentile days from request to delivery", "荐购到书天数90分位", IndicatorUnit.Days, "Book orders",
            $"{Iso11620} B.3.2.1: time of document acquisition, 90th percentile"),
        new(SpendTotal, "Spend on delivered orders", "荐购到书金额", IndicatorUnit.Yuan, "Book orders", $"{Iso2789}: acquisition expenditure"),
        new(QuarantinedRows, "Quarantined rows", "隔离记录", IndicatorUnit.Count, "Data quality", "Hub's own: roster rows and activity records refused"),
        new(FailedRuns, "Failed or refused runs", "失败运行", IndicatorUnit.Count, "Data quality", "Hub's own"),
    ];

    private static readonly Dictionary<string, Indicator> ByKey = All.ToDictionary(i => i.Key, StringComparer.Ordinal);

    /// <summary>The indicators the trend charts show.</summary>
    public static IReadOnlyList<Indicator> Charted { get; } = All.Where(i => i.Charted).ToList();

    public static string SpendKey(string budgetCode) => SpendPrefix + budgetCode;

    /// <summary>The seat indicators given for each kind of event.</summary>
    public static IReadOnlyList<string> SeatByKind { get; } = [SeatRegistrations, SeatFillRate, SeatWaitlistDemand, SeatNoShowRate];

    public static string SeatKindKey(string kind, string indicator) => $"{SeatKindPrefix}{kind}:{indicator}";

    /// <summary>The indicator of a stored key, including one spend line per budget code; null for a key no longer known.</summary>
    public static Indicator? Find(string key) =>
        ByKey.TryGetValue(key, out var indicator) ? indicator
        : key.StartsWith(SpendPrefix, StringComparison.Ordinal) && key.Length > SpendPrefix.Length
            ? new Indicator(key, $"Spend, budget line {key[SpendPrefix.Length..]}", $"预算 {key[SpendPrefix.Length..]} 金额", IndicatorUnit.Yuan,
                "Book orders", $"{Iso2789}: acquisition expenditure, by budget line")
        : SeatKindOf(key) is ({ } kind, { } seat)
            ? new Indicator(key, $"{seat.Title}, {kind}", $"{seat.ChineseTitle}（{EventKinds.Label(kind)}）", seat.Unit, seat.Group,
                $"{seat.Standard}, by kind of event")
            : null;

    /// <summary>Report order: the catalog's, with the spend lines (by code) right after the total spend and each seat indicator's kinds right after it.</summary>
    public static int Order(string key) =>
        Position.TryGetValue(key, out var position) ? position * 2
        : key.StartsWith(SpendPrefix, StringComparison.Ordinal) ? Position[SpendTotal] * 2 + 1
        : SeatKindOf(key) is (not null, { } seat) ? Position[seat.Key] * 2 + 1
        : int.MaxValue;

    private static (string? Kind, Indicator? Seat) SeatKindOf(string key)
    {
        if (!key.StartsWith(SeatKindPrefix, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var rest = key[SeatKindPrefix.Length..];
        var colon = rest.LastIndexOf(':');
        return colon > 0 && SeatByKind.Contains(rest[(colon + 1)..], StringComparer.Ordinal)
            ? (rest[..colon], ByKey[rest[(colon + 1)..]])
            : (null, null);
    }

    private static readonly Dictionary<string, int> Position = All.Select((indicator, index) => (indicator.Key, index))
        .ToDictionary(p => p.Key, p => p.index, StringComparer.Ordinal);
}
