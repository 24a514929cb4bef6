using Microsoft.Extensions.Options;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Digests.Sending;

/// <summary>
/// Decides what a community's digest of a week says: the events of the next days (from the week's Monday, or from now
/// when that has passed), frozen with the digest the first time it has events, so that reruns and retries send the
/// same content. Also builds a preview that freezes nothing.
/// </summary>
public sealed class DigestPlanner(
    IDigestStore digests,
    ICommunityEvents events,
    DigestTemplate template,
    LibraryCalendar calendar,
    IOptionsMonitor<CommunityCatalogOptions> communities,
    IOptions<DigestOptions> options)
{
    /// <summary>The community's code as configured; a permanent failure when it is not configured.</summary>
    public string RequireCommunity(string code) =>
        communities.CurrentValue.Communities.TryGetValue(code, out var community)
            ? (string.IsNullOrEmpty(community.Code) ? code.ToUpperInvariant() : community.Code)
            : throw new PermanentJobFailureException(StaffMessage.Of("Community.NotConfigured", $"Community {code} is not configured ({("Outreach:Communities:" + code)})."));

    /// <summary>What the digest would say if it were prepared now; nothing is stored.</summary>
    public async Task<DigestContent> PreviewAsync(string community, IsoWeek week, CancellationToken cancellationToken)
    {
        var (from, to) = Window(week);
        var found = await events.ForCommunityAsync(community, from, to, cancellationToken);
        var name = communities.CurrentValue.NameOf(community);
        return new DigestContent(0, community, name, week, template.Subject(name, week), from, to, found.Select(DigestEvent.From).ToList());
    }

    /// <summary>The stored digest of the week, prepared now when it does not exist yet or had no events before.</summary>
    public async Task<DigestContent> PrepareAsync(string community, IsoWeek week, long runId, CancellationToken cancellationToken)
    {
        var existing = await digests.LoadAsync(community, week, cancellationToken);
        if (existing is { Events.Count: > 0 })
        {
            await digests.TouchAsync(existing.DigestId, runId, cancellationToken);
            return existing;
        }

        var fresh = await PreviewAsync(community, week, cancellationToken);
        // Null: another run froze events in between; its content wins.
        return await digests.FreezeAsync(fresh, runId, cancellationToken) is { } digestId
            ? fresh with { DigestId = digestId }
            : (await digests.LoadAsync(community, week, cancellationToken))!;
    }

    public Task<DigestContent?> LoadAsync(long digestId, CancellationToken cancellationToken) => digests.LoadAsync(digestId, cancellationToken);

    // The next HorizonDays days from the week's Monday, or from now when the week has begun.
    private (DateTimeOffset From, DateTimeOffset To) Window(IsoWeek week)
    {
        var monday = calendar.StartOf(week.Monday);
        var from = monday > calendar.Now ? monday : calendar.Now;
        return (from, from.AddDays(options.Value.HorizonDays));
    }
}
