using Outreach.Worker.Messages;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;

namespace Outreach.Worker.Orders.Intake;

/// <summary>
/// Takes a reader's request in: checks every field, the card, the reader's monthly limit and the budget line's monthly
/// cap, then stores it as pending (the next push sends it) or, when the library already holds the title or has it on
/// order, as held for staff. Each refusal says why. Limits are checked and the order stored under locks of the budget
/// line, the reader and the title, so two requests at the same moment cannot both pass a limit that has room for one.
/// </summary>
public sealed partial class BookRequestIntake(
    NpgsqlDataSource dataSource,
    IOptionsMonitor<OrdersOptions> options,
    IOptionsMonitor<CommunityCatalogOptions> communities,
    LibraryCalendar library,
    TimeProvider clock,
    ILogger<BookRequestIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(BookRequest request, RequestSource source, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var problems = new List<StaffMessage>();
        var checkedRequest = BookRequestRules.Check(request, settings, communities.CurrentValue.Communities.Keys, problems);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (checkedRequest?.ExternalRef is { } externalRef && await ExistingAsync(connection, source, externalRef, cancellationToken) is { } existing)
        {
            return existing;
        }

        var card = BookRequestRules.Card(request);
        var reader = Readers.Cards.CardNumber.IsValid(card) ? await CardAsync(connection, card, problems, cancellationToken) : null;
        if (checkedRequest is null || reader is null)
        {
            return Refuse(problems);
        }

        var month = library.ThisMonth;
        await LockAsync(connection, [$"orders-budget:{checkedRequest.BudgetCode}", $"orders-reader:{reader.ReaderId}", $"orders-isbn:{checkedRequest.Isbn13}"],
            cancellationToken);
        await CheckLimitsAsync(connection, checkedRequest, reader, month, settings, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var duplicate = await DuplicateAsync(connection, checkedRequest.Isbn13, cancellationToken);
        var stored = await InsertAsync(connection, checkedRequest, reader, month, source, duplicate, cancellationToken);
        if (stored is null)
        {
            // A second request with the same external_ref committed first; answer with its order.
            await transaction.RollbackAsync(cancellationToken);
            return await ExistingAsync(connection, source, checkedRequest.ExternalRef!, cancellationToken)
                ?? throw new InvalidOperationException("The request's external_ref collided but no order holds it.");
        }

        await transaction.CommitAsync(cancellationToken);
        Log.Stored(logger, stored.OrderRef!, stored.Status!, source.Kind);
        return stored;
    }

    private IntakeResult Refuse(List<StaffMessage> problems)
    {
        Log.Refused(logger, problems.Count);
        return IntakeResult.Refused(problems);
    }

    private static async Task<IntakeResult?> ExistingAsync(NpgsqlConnection connection, RequestSource source, string externalRef, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT order_ref, status FROM outreach.book_orders WHERE source_name = $1 AND external_ref = $2", connection);
        command.Parameters.AddWithValue(source.Name);
        command.Parameters.AddWithValue(externalRef);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IntakeResult(IntakeVerdict.AlreadyReceived, reader.GetString(0), reader.GetString(1),
                [StaffMessage.Of("Intake.AlreadyReceived", $"{source.Name} sent external_ref '{externalRef}' before: this is order {reader.GetString(0)}")])
            : null;
    }

    private static async Task<CardHolder?> CardAsync(NpgsqlConnection connection, string cardNumber, List<StaffMessage> problems, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.id, c.status, r.id, r.community FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
            WHERE c.card_number = $1
            """, connection);
        command.Parameters.AddWithValue(cardNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            problems.Add(StaffMessage.Of("Intake.CardNotIssued", $"card {cardNumber} is not a card the library issued"));
            return null;
        }

        var status = reader.GetString(1);
        if (status != "active")
        {
            problems.Add(StaffMessage.Of("Intake.CardNotActive", $"card {cardNumber} is {status}, not active: only active card holders may request books"));
            return null;
        }

        return new CardHolder(reader.GetInt64(0), cardNumber, reader.GetInt64(2), reader.GetString(3));
    }

    private static async Task LockAsync(NpgsqlConnection connection, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        // Always in this order (budget, reader, title), so two intakes never wait on each other in a circle.
        await using var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n", connection);
        command.Parameters.AddWithValue(keys.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CheckLimitsAsync(NpgsqlConnection connection, CheckedRequest request, CardHolder reader, DateOnly month,
        OrdersOptions settings, List<StaffMessage> problems, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT
                (SELECT coalesce(sum(quantity), 0) FROM outreach.book_orders
                 WHERE reader_id = $1 AND budget_month = $2 AND {OrderStatus.CountsAgainstLimitsSql}),
                (SELECT coalesce(sum(quantity * unit_price), 0) FROM outreach.book_orders
                 WHERE budget_code = $3 AND budget_month = $2 AND {OrderStatus.CountsAgainstLimitsSql})
            """, connection);
        command.Parameters.AddWithValue(reader.ReaderId);
        command.Parameters.AddWithValue(month);
        command.Parameters.AddWithValue(request.BudgetCode);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        var booksThisMonth = row.GetInt64(0);
        var spent = row.GetDecimal(1);

        if (booksThisMonth + request.Quantity > settings.ReaderMonthlyBooks)
        {
            problems.Add(StaffMessage.Of("Intake.ReaderMonthlyLimit", $"the reader has requested {booksThisMonth} book(s) this month; {request.Quantity} more would pass the monthly limit of {settings.ReaderMonthlyBooks}"));
        }

        var cap = settings.BudgetLines[request.BudgetCode].MonthlyCap;
        if (spent + request.Amount > cap)
        {
            problems.Add(StaffMessage.Of("Intake.BudgetExhausted",
                $"budget line {request.BudgetCode} has {Math.Max(0, cap - spent):0.00} yuan left this month (cap {cap:0.00}); this request needs {request.Amount:0.00}"));
        }
    }

    private static async Task<StaffMessage?> DuplicateAsync(NpgsqlConnection connection, string isbn13, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT order_ref, status FROM outreach.book_orders
            WHERE isbn13 = $1 AND status NOT IN ('declined', 'rejected', 'cancelled')
            ORDER BY (status = 'delivered'), id DESC
            LIMIT 1
            """, connection);
        command.Parameters.AddWithValue(isbn13);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (orderRef, status) = (reader.GetString(0), reader.GetString(1));
        return status == OrderStatus.Delivered
            ? StaffMessage.Of("Order.Held.AlreadyHeld", $"the library already holds this title (delivered for order {orderRef}); staff decide whether to buy another copy")
            : StaffMessage.Of("Order.Held.OnOrder", $"the library already has this title on order ({orderRef}, {status}); staff decide whether to order it twice");
    }

    /// <returns>The stored order, or null when another request with the same external_ref was stored first.</returns>
    private async Task<IntakeResult?> InsertAsync(NpgsqlConnection connection, CheckedRequest request, CardHolder reader, DateOnly month,
        RequestSource source, StaffMessage? duplicate, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = duplicate is null ? OrderStatus.Pending : OrderStatus.Held;
        await using var insert = new NpgsqlCommand("""
            INSERT INTO outreach.book_orders (order_ref, reader_id, card_id, card_number, community, isbn13, title, quantity, unit_price,
                budget_code, budget_month, deliver_kind, deliver_community, source, source_name, external_ref, status, status_reason,
                created_at, status_changed_at, status_reason_code, status_reason_args)
            VALUES ('BO-' || $1 || '-' || lpad(nextval('outreach.book_order_serial')::text, 6, '0'), $2, $3, $4, $5, $6, $7, $8, $9,
                $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21)
            ON CONFLICT (source_name, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
            RETURNING id, order_ref
            """, connection);
        insert.Parameters.AddWithValue(month.Year.ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue(reader.ReaderId);
        insert.Parameters.AddWithValue(reader.CardId);
        insert.Parameters.AddWithValue(reader.CardNumber);
        insert.Parameters.AddWithValue(reader.Community);
        insert.Parameters.AddWithValue(request.Isbn13);
        insert.Parameters.AddWithValue(request.Title);
        insert.Parameters.AddWithValue(request.Quantity);
        insert.Parameters.AddWithValue(request.UnitPrice);
        insert.Parameters.AddWithValue(request.BudgetCode);
        insert.Parameters.AddWithValue(month);
        insert.Parameters.AddWithValue(request.DeliverKind);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text,
            request.DeliverKind == Integrations.Bookstore.DeliverTo.CommunityRoom ? request.DeliverCommunity ?? reader.Community : DBNull.Value);
        insert.Parameters.AddWithValue(source.Kind);
        insert.Parameters.AddWithValue(source.Name);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)request.ExternalRef ?? DBNull.Value);
        insert.Parameters.AddWithValue(status);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)duplicate?.English ?? DBNull.Value);
        insert.Parameters.AddWithValue(now);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)duplicate?.Code ?? DBNull.Value);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Jsonb, (object?)duplicate?.ArgsJson ?? DBNull.Value);

        long id;
        string orderRef;
        await using (var row = await insert.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            (id, orderRef) = (row.GetInt64(0), row.GetString(1));
        }

        List<OrderEvent> events = [new(id, now, OrderEventKind.Received, null, OrderStatus.Pending, Actor: source.Actor)];
        if (duplicate is not null)
        {
            events.Add(new OrderEvent(id, now, OrderEventKind.Held, OrderStatus.Pending, OrderStatus.Held, Said: duplicate));
        }

        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { OrderEvents.Insert(events) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return duplicate is null
            ? new IntakeResult(IntakeVerdict.Accepted, orderRef, status, [])
            : new IntakeResult(IntakeVerdict.Held, orderRef, status, [duplicate]);
    }

    private sealed record CardHolder(long CardId, string CardNumber, long ReaderId, string Community);

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 1, Level = LogLevel.Information, Message = "Book request stored as {OrderRef} ({Status}) from {Source}")]
        public static partial void Stored(ILogger logger, string orderRef, string status, string source);

        [LoggerMessage(EventId = LogEvents.Orders + 2, Level = LogLevel.Information, Message = "Book request refused for {Count} reason(s)")]
        public static partial void Refused(ILogger logger, int count);
    }
}
