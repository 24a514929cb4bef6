using Outreach.Demo.Layout;
using Outreach.LocalPostgres;

namespace Outreach.Demo.Database;

/// <summary>The demo's own PostgreSQL: a durable private cluster in .local/demo/postgres with the hub's database.</summary>
internal static class DemoDatabase
{
    public const string Name = "outreach";

    public static async Task<PostgresCluster> StartAsync(DemoPaths paths, CancellationToken cancellationToken)
    {
        PostgresCluster cluster;
        try
        {
            cluster = await PostgresCluster.StartAsync(new ClusterOptions
            {
                DataDirectory = paths.PostgresData,
                Durable = true,
                DeleteOnStop = false,
            }, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new DemoException(
                $"The demo's PostgreSQL did not start: {e.Message}{Environment.NewLine}" +
                $"If another demo is still running, stop it first; if {paths.PostgresData} is left over from an older " +
                "PostgreSQL or is damaged, delete .local/demo to start afresh (rm -rf .local/demo).", e);
        }

        try
        {
            if (!await cluster.DatabaseExistsAsync(Name, cancellationToken))
            {
                await cluster.CreateDatabaseAsync(Name, cancellationToken: cancellationToken);
            }
        }
        catch
        {
            await cluster.StopAsync();
            throw;
        }

        return cluster;
    }
}
