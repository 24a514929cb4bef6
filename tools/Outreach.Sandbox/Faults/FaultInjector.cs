namespace Outreach.Sandbox.Faults;

/// <summary>
/// The faults in force, settable from tests (Add) and over HTTP (/_sandbox/faults). Each matching request or
/// message takes one hit, in the order the rules were added, so a test knows exactly which requests fail.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Slot> _slots = [];
    private int _lastId;

    public IReadOnlyList<ActiveFault> Active
    {
        get
        {
            lock (_gate)
            {
                return [.. _slots.Select(s => s.Snapshot())];
            }
        }
    }

    public ActiveFault Add(FaultRule rule)
    {
        if (rule.Problem() is { } problem)
        {
            throw new ArgumentException($"Fault {rule.Kind}: {problem}", nameof(rule));
        }

        lock (_gate)
        {
            var slot = new Slot(++_lastId, rule);
            _slots.Add(slot);
            return slot.Snapshot();
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            return _slots.RemoveAll(s => s.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _slots.Clear();
        }
    }

    /// <summary>Takes one hit of the first rule of one of <paramref name="kinds"/> that matches, or returns null.</summary>
    public FaultRule? TryConsume(FaultTarget target, params ReadOnlySpan<FaultKind> kinds)
    {
        lock (_gate)
        {
            for (var i = 0; i < _slots.Count; i++)
            {
                var slot = _slots[i];
                if (!kinds.Contains(slot.Rule.Kind) || !slot.Rule.Matches(target))
                {
                    continue;
                }

                if (slot.Remaining is { } remaining)
                {
                    slot.Remaining = remaining - 1;
                    if (slot.Remaining == 0)
                    {
                        _slots.RemoveAt(i);
                    }
                }

                return slot.Rule;
            }

            return null;
        }
    }

    private sealed class Slot(int id, FaultRule rule)
    {
        public int Id { get; } = id;

        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = rule.Count;

        public ActiveFault Snapshot() => new(Id, Rule, Remaining);
    }
}
