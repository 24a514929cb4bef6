using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Testing;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>A class fixture: a fresh database, the dashboard on Kestrel, and one account per role.</summary>
public class DashboardFixture : IAsyncLifetime
{
    private DashboardHost? _host;

    public string ConnectionString { get; private set; } = "";

    public DashboardHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public IServiceProvider Services => Host.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        var settings = TestSettings.Dashboard(ConnectionString);
        AdjustSettings(settings);
        _host = await DashboardHost.StartAsync(settings, Configure);
        var directory = Services.GetRequiredService<StaffStore>();
        foreach (var (username, role) in TestAccounts.All)
        {
            await directory.CreateAsync(username, $"Test {role}", role, TestAccounts.Password, null, CancellationToken.None);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public StaffSession NewClient() => Host.NewClient();

    public StaffSession NewClient(string? language) => Host.NewClient(language);

    public Task<StaffSession> SignedInAsync(string username) => NewClient().SignedInAsync(username);

    public Task<long> ScalarAsync(string sql, params object[] parameters) => DataSource.ScalarAsync(sql, parameters);

    public Task ExecuteAsync(string sql, params object[] parameters) => DataSource.ExecuteAsync(sql, parameters);

    protected virtual void AdjustSettings(Dictionary<string, string?> settings)
    {
    }

    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }
}
