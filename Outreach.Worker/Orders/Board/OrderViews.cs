using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Board;

/// <summary>Which orders the staff list shows. Blank values do not filter; <see cref="OlderThanDays"/> is the order's age.</summary>
public sealed record OrderFilter(string? Status = null, string? Community = null, string? CardNumber = null, int? OlderThanDays = null, int Page = 1);

/// <summary>One order as the staff lists show it.</summary>
public sealed record OrderRow(
    long Id,
    string OrderRef,
    string Status,
    StoredMessage? StatusReason,
    string Title,
    string Isbn13,
    int Quantity,
    decimal UnitPrice,
    string BudgetCode,
    string Community,
    string CardNumber,
    string? BookstoreOrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt)
{
    public decimal Amount => Quantity * UnitPrice;
}

public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Page, bool HasNext);

/// <summary>A line of an order's history.</summary>
public sealed record OrderHistoryLine(DateTimeOffset At, string Kind, string? FromStatus, string? ToStatus, long? Seq, string? Actor, StoredMessage? Note);

/// <summary>A reader notice of an order and how far it got.</summary>
public sealed record OrderNoticeLine(string Kind, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? SentAt, DateTimeOffset? GivenUpAt, StoredMessage? LastError);

/// <summary>Everything about one order for its page.</summary>
public sealed record OrderDetail(
    OrderRow Order,
    string DeliverKind,
    string? DeliverCommunity,
    string Source,
    string SourceName,
    string? ExternalRef,
    int PushAttempts,
    string? LastPushError,
    DateTimeOffset? LastPushAt,
    IReadOnlyList<OrderHistoryLine> History,
    IReadOnlyList<OrderNoticeLine> Notices);

/// <summary>A budget line's month: its cap, what the orders that count against it commit, what was delivered.</summary>
public sealed record BudgetSpend(string BudgetCode, string? Name, decimal MonthlyCap, long Orders, long Books, decimal Committed, decimal Delivered)
{
    public decimal Remaining => MonthlyCap - Committed;
}

/// <summary>What needs staff attention among orders: held and failed orders, stuck ones, notices given up in the last 30 days.</summary>
public sealed record OrderAttention(long Held, long Failed, long Stuck, long NoticesGivenUp);
