using System.ComponentModel;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;

namespace Outreach.Worker.Readers.Sync;

/// <summary>The roster sync as Hangfire and the CLI run it: one community, or every configured community in turn.</summary>
public sealed class RosterSyncJob(RosterSync sync, IOptionsMonitor<CommunitiesOptions> communities)
{
    [DisplayName("Roster sync {0}")]
    public Task RunAsync(string communityCode, CancellationToken cancellationToken) => sync.RunAsync(communityCode, cancellationToken);

    /// <summary>Syncs every community; one community's failure does not stop the others, and the job fails naming them.</summary>
    [DisplayName("Roster sync, all communities")]
    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var code in communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                await sync.RunAsync(code, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                failures.Add($"{code}: {failure.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Roster sync failed for {failures.Count} communit(ies): {string.Join(" | ", failures)}");
        }
    }
}
