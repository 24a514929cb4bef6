using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Mail;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Orders.Notices;

/// <summary>
/// Sends the notices the ledger holds and has not sent, through the hub's mail sender (Outreach:Mail). Each notice is
/// sent under its ledger row's lock and marked in the same transaction, so two workers never send the same notice; only
/// a crash between the server's "accepted" and the commit can send one twice, and then with the same Message-Id. A
/// send whose outcome is uncertain is not repeated. A reader without an address, or an address the server refuses, is
/// given up with the reason for staff; a deferral is tried again by the next run.
/// </summary>
public sealed partial class ReaderNotices(
    NpgsqlDataSource dataSource,
    IMailSender mail,
    NoticeComposer composer,
    IOptionsMonitor<OrdersOptions> options,
    JobRuns runs,
    TimeProvider clock,
    ILogger<ReaderNotices> logger)
{
    public const string JobName = "orders-notify";

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken)
    {
        var runStarted = clock.GetUtcNow();
        var due = await DueCountAsync(cancellationToken);
        if (due == 0)
        {
            return new Dictionary<string, long> { ["due"] = 0 };
        }

        return await runs.RunAsync(new RunSubject(JobName, "readers") { IfCancelled = "unsent notices go with the next run" },
            run => SendAsync(due, runStarted, run, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> SendAsync(long due, DateTimeOffset runStarted, RunScope run, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long> { ["due"] = due, ["sent"] = 0, ["given_up"] = 0, ["failed"] = 0 };
        run.CountWith(() => counts);
        if (!mail.IsConfigured)
        {
            throw new PermanentJobFailureException($"{due} reader notice(s) wait: set {MailOptions.SectionPath}:Host and {MailOptions.SectionPath}:From to send them.");
        }

        string? firstError = null;
        await using (var session = mail.OpenSession(connections: 1))
        {
            while (await SendNextAsync(session, runStarted, cancellationToken) is { } outcome)
            {
                counts[outcome.Counter]++;
                if (outcome.Counter == "failed")
                {
                    firstError ??= outcome.Error;
                }
            }
        }

        Log.Sent(logger, counts["sent"], counts["given_up"], counts["failed"]);
        if (counts["failed"] > 0)
        {
            throw run.Incomplete(new InvalidOperationException(
                $"{counts["failed"]} reader notice(s) could not be sent (first: {firstError}); they are tried again."));
        }

        await run.SucceedAsync(counts, null, cancellationToken);
        return counts;
    }

    private async Task<long> DueCountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM outreach.book_order_notices WHERE sent_at IS NULL AND given_up_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <returns>What happened to one due notice, or null when none is left for this run.</returns>
    private async Task<Outcome?> SendNextAsync(IMailSession session, DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("""
            SELECT n.order_id, n.kind, n.attempts, o.order_ref, o.title, o.deliver_kind, o.deliver_community, o.status_reason, r.name, r.email
            FROM outreach.book_order_notices n
            JOIN outreach.book_orders o ON o.id = n.order_id
            JOIN outreach.readers r ON r.id = o.reader_id
            WHERE n.sent_at IS NULL AND n.given_up_at IS NULL AND (n.last_try_at IS NULL OR n.last_try_at < $1)
            ORDER BY n.created_at, n.order_id
            LIMIT 1
            FOR UPDATE OF n SKIP LOCKED
            """, connection);
        select.Parameters.AddWithValue(runStarted);
        long orderId;
        int attempts;
        NoticeSubject notice;
        await using (var row = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            orderId = row.GetInt64(0);
            attempts = row.GetInt32(2);
            notice = new NoticeSubject(row.GetString(3), row.GetString(1), row.GetString(4), row.GetString(5),
                row.IsDBNull(6) ? null : row.GetString(6), row.IsDBNull(7) ? null : row.GetString(7), row.GetString(8),
                row.IsDBNull(9) ? "" : row.GetString(9));
        }

        var outcome = string.IsNullOrWhiteSpace(notice.Email)
            ? Outcome.GivenUp("the reader has no e-mail address: tell them at the desk")
            : composer.Compose(notice) is { } message
                ? Judge(await session.SendAsync(message, cancellationToken), attempts + 1)
                : Outcome.GivenUp("the reader's e-mail address is not a valid address: correct it in the community's roster");

        await using var record = new NpgsqlCommand("""
            UPDATE outreach.book_order_notices
            SET attempts = attempts + 1, last_try_at = $3, last_error = $4,
                sent_at = CASE WHEN $5 = 'sent' THEN $3 END, given_up_at = CASE WHEN $5 = 'given_up' THEN $3 END
            WHERE order_id = $1 AND kind = $2
            """, connection);
        record.Parameters.AddWithValue(orderId);
        record.Parameters.AddWithValue(notice.Kind);
        record.Parameters.AddWithValue(clock.GetUtcNow());
        record.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)outcome.Error ?? DBNull.Value);
        record.Parameters.AddWithValue(outcome.Counter);
        await record.ExecuteNonQueryAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return outcome;
    }

    private Outcome Judge(SendResult result, int attempt) => result.Status switch
    {
        SendStatus.Accepted => Outcome.Sent,
        SendStatus.Rejected => Outcome.GivenUp($"the mail server refused it: {result.Reply}"),
        // Sending again might give the reader a second copy: the notice counts as sent, and staff see why.
        SendStatus.Uncertain => Outcome.Sent with { Error = $"the connection broke after the mail server took the message; not sent again: {result.Reply}" },
        _ when attempt >= options.CurrentValue.NoticeMaxAttempts => Outcome.GivenUp($"deferred {attempt} times; last: {result.Reply}"),
        _ => Outcome.Failed($"the mail server deferred it: {result.Reply}"),
    };

    private sealed record Outcome(string Counter, string? Error)
    {
        public static readonly Outcome Sent = new("sent", null);

        public static Outcome GivenUp(string why) => new("given_up", why);

        public static Outcome Failed(string why) => new("failed", why);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Orders + 21, Level = LogLevel.Information, Message = "Reader notices: {Sent} sent, {GivenUp} given up, {Failed} to try again")]
        public static partial void Sent(ILogger logger, long sent, long givenUp, long failed);
    }
}
