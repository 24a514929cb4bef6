using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.Dashboard.Tests.KeyRing;

/// <summary>Two dashboard instances on one database, as behind a load balancer, and one on a database of its own.</summary>
public sealed class SharedKeyRingFixture : DashboardFixture
{
    private DashboardHost? _second;
    private DashboardHost? _elsewhere;

    /// <summary>A second instance on the same database.</summary>
    public DashboardHost Second => _second ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>An instance of another hub: its own database, so its own key ring.</summary>
    public DashboardHost Elsewhere => _elsewhere ?? throw new InvalidOperationException("The fixture has not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _second = await DashboardHost.StartAsync(TestSettings.Dashboard(ConnectionString));
        _elsewhere = await DashboardHost.StartAsync(TestSettings.Dashboard(await TestPostgres.CreateDatabaseAsync("keyring_elsewhere")));
    }

    public override async Task DisposeAsync()
    {
        foreach (var host in new[] { _elsewhere, _second })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await base.DisposeAsync();
    }
}
