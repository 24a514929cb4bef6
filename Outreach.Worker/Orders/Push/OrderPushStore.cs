using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Orders.Push;

/// <summary>The pending orders in outreach.book_orders, read by id; answers written by <see cref="PushRecorder"/>.</summary>
public sealed class OrderPushStore(NpgsqlDataSource dataSource, PushRecorder recorder) : IOrderPushStore
{
    public async Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken) =>
        await AdvisoryLock.TryAcquireAsync(dataSource, OrderPush.JobName, cancellationToken);

    public async Task<long> PendingCountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outreach.book_orders WHERE status = 'pending'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<PendingOrder>> PendingAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, order_ref, isbn13, title, quantity, deliver_kind, deliver_community, card_number, budget_code, push_attempts
            FROM outreach.book_orders WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT $2
            """);
        command.Parameters.AddWithValue(afterId);
        command.Parameters.AddWithValue(limit);
        var batch = new List<PendingOrder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new PendingOrder(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt32(9)));
        }

        return batch;
    }

    public Task<bool> RecordAsync(PendingOrder order, PushResult result, CancellationToken cancellationToken) =>
        recorder.RecordAsync(order, result, cancellationToken);

    public Task<string?> TransientAsync(PendingOrder order, string reason, CancellationToken cancellationToken) =>
        recorder.TransientAsync(order, reason, cancellationToken);
}
