using Outreach.Worker.Jobs;

namespace Outreach.Worker.Readers.Sync;

/// <summary>The roster sync as Hangfire and the CLI run it: one community, or every configured community in turn.</summary>
public sealed class RosterSyncJob(RosterSync sync, FanOut fanOut)
{
    public Task RunAsync(string communityCode, CancellationToken cancellationToken) => sync.RunAsync(communityCode, cancellationToken);

    public Task RunAllAsync(CancellationToken cancellationToken) =>
        fanOut.EveryCommunityAsync("Roster sync", (community, token) => sync.RunAsync(community, token), cancellationToken);
}
