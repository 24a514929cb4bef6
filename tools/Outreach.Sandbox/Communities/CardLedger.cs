namespace Outreach.Sandbox.Communities;

/// <summary>The library cards a community received, and how often: repeats are harmless but tests count them.</summary>
internal sealed class CardLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LibraryCard> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private int _total;

    public int TotalRequests
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Record(string residentId, LibraryCard card)
    {
        lock (_gate)
        {
            _latest[residentId] = card;
            _requests[residentId] = _requests.GetValueOrDefault(residentId) + 1;
            _total++;
        }
    }

    public CardUpdateSummary Summary()
    {
        lock (_gate)
        {
            return new CardUpdateSummary(
                new Dictionary<string, LibraryCard>(_latest, StringComparer.Ordinal),
                new Dictionary<string, int>(_requests, StringComparer.Ordinal),
                _total);
        }
    }
}
