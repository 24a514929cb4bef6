using System.Globalization;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Bookstore;

/// <summary>How the simulated bookstore answered a pushed order.</summary>
public enum SimPushAnswer
{
    Created,
    Replayed,
    Conflict,
    Rejected,
}

/// <summary>
/// The Xinhua branch's order system as the sandbox holds it: a catalogue, orders by Idempotency-Key, the changes feed
/// with seq, and the webhook it calls on the hub. Thread-safe; shared by the HTTP API, tests and benchmarks.
/// </summary>
public sealed class BookstoreSimulator(TimeProvider timeProvider) : IDisposable
{
    public const string DefaultToken = "sandbox-bookstore-token";
    public const int MaxQuantity = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _catalogue = new(SampleCatalogue.Titles, StringComparer.Ordinal);
    private readonly Dictionary<string, SimBookOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<SimChange> _changes = [];
    private readonly WebhookSender _webhooks = new(timeProvider);
    private int _lastOrderNumber = 88000;
    private long _posts;

    /// <summary>The Bearer token the API takes.</summary>
    public string Token { get; set; } = DefaultToken;

    /// <summary>Where changes are sent as they happen, and the secret they are signed with; null: no webhooks.</summary>
    public WebhookTarget? Webhook
    {
        get => _webhooks.Target;
        set => _webhooks.Target = value;
    }

    /// <summary>Every POST the orders endpoint answered (replays and refusals included).</summary>
    public long Posts => Interlocked.Read(ref _posts);

    public int OrderCount
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count == 0 ? 0 : _changes[^1].Seq;
            }
        }
    }

    public IReadOnlyList<SimBookOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders.Values.OrderBy(o => o.OrderId, StringComparer.Ordinal)];
            }
        }
    }

    public IReadOnlyList<SimChange> Changes
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }

    public SimBookOrder? Find(string orderRef)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(orderRef);
        }
    }

    public void AddToCatalogue(string isbn13, string title)
    {
        lock (_gate)
        {
            _catalogue[isbn13] = title;
        }
    }

    /// <summary>Takes a pushed order under its Idempotency-Key (POST /api/v1/orders without the HTTP).</summary>
    public (SimPushAnswer Answer, SimBookOrder? Order, string? Error) Push(string idempotencyKey, SimOrderBody body)
    {
        Interlocked.Increment(ref _posts);
        lock (_gate)
        {
            if (_orders.TryGetValue(idempotencyKey, out var existing))
            {
                if (existing.Body != body)
                {
                    return (SimPushAnswer.Conflict, existing, null);
                }

                var replayed = existing with { Requests = existing.Requests + 1 };
                _orders[idempotencyKey] = replayed;
                return (SimPushAnswer.Replayed, replayed, null);
            }

            var isbn = new string(body.Isbn!.Where(c => c is not ('-' or ' ')).ToArray());
            var error = !IsValidIsbn13(isbn) ? "invalid_isbn"
                : body.Quantity is < 1 or > MaxQuantity ? "quantity_out_of_range"
                : !_catalogue.ContainsKey(isbn) ? "isbn_not_in_catalog"
                : null;
            if (error is not null)
            {
                return (SimPushAnswer.Rejected, null, error);
            }

            var order = new SimBookOrder($"XH-{++_lastOrderNumber}", body, "accepted", timeProvider.GetUtcNow(), 1);
            _orders[idempotencyKey] = order;
            return (SimPushAnswer.Created, order, null);
        }
    }

    /// <summary>Moves an order on (or back: the bookstore may report out of order) and appends the change; sends the webhook when one is set.</summary>
    /// <returns>The change, with the hub's answer to the webhook when one was sent.</returns>
    public async Task<SimChange> AdvanceAsync(string orderRef, string status, string? note = null, CancellationToken cancellationToken = default)
    {
        var change = Append(orderRef, status, note);
        return _webhooks.Target is null ? change : await SendWebhookAsync(change.Seq, WebhookTamper.None, cancellationToken);
    }

    /// <summary>Appends changes without webhooks (for benchmarks and feed tests); returns the last seq.</summary>
    public long AppendChanges(IEnumerable<(string OrderRef, string Status)> changes)
    {
        foreach (var (orderRef, status) in changes)
        {
            Append(orderRef, status, null);
        }

        return LastSeq;
    }

    /// <summary>(Re)sends one change as a webhook call, optionally tampered with; records and returns the hub's answer.</summary>
    public async Task<SimChange> SendWebhookAsync(long seq, WebhookTamper tamper, CancellationToken cancellationToken = default)
    {
        var change = ChangeAt(seq);
        var status = await _webhooks.SendAsync(change, tamper, cancellationToken);
        lock (_gate)
        {
            var index = _changes.FindIndex(c => c.Seq == seq);
            _changes[index] = _changes[index] with { WebhookStatus = status };
            return _changes[index];
        }
    }

    /// <summary>The changes after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<SimChange> ChangesAfter(long after, int limit)
    {
        lock (_gate)
        {
            // Seqs are 1, 2, 3...: the change after seq n is at index n.
            var start = (int)Math.Clamp(after, 0, _changes.Count);
            return _changes.GetRange(start, Math.Min(limit, _changes.Count - start));
        }
    }

    public void Dispose() => _webhooks.Dispose();

    private SimChange Append(string orderRef, string status, string? note)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderRef, out var order))
            {
                throw new KeyNotFoundException($"The bookstore holds no order {orderRef}.");
            }

            _orders[orderRef] = order with { Status = status };
            var change = new SimChange(_changes.Count + 1, order.OrderId, orderRef, status, ShanghaiTime.Iso(timeProvider.GetUtcNow()), note);
            _changes.Add(change);
            return change;
        }
    }

    private SimChange ChangeAt(long seq)
    {
        lock (_gate)
        {
            return seq >= 1 && seq <= _changes.Count
                ? _changes[(int)seq - 1]
                : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"The feed has no seq {seq}."));
        }
    }

    // The bookstore's own check, written from the spec rather than shared with the hub: a simulator must not inherit the hub's bugs.
    private static bool IsValidIsbn13(string isbn)
    {
        if (isbn.Length != 13 || !isbn.All(char.IsAsciiDigit) || !(isbn.StartsWith("978", StringComparison.Ordinal) || isbn.StartsWith("979", StringComparison.Ordinal)))
        {
            return false;
        }

        var sum = isbn.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return sum % 10 == 0;
    }
}
