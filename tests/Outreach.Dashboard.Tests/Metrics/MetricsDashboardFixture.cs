using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Worker.Metrics;

namespace Outreach.Dashboard.Tests.Metrics;

/// <summary>
/// The dashboard with two communities, two readers with cards, keys for the figures API and the activity API, and
/// October 2026 computed from activity sent through the API (the dashboard's clock is the real one: October has ended).
/// </summary>
public sealed class MetricsDashboardFixture : DashboardFixture
{
    public const string TownKey = "town-office-figures-key-0123456789";
    public const string GateKey = "gate-counter-activity-key-0123456789";
    public const int MaxBatch = 5;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync("""
            INSERT INTO outreach.readers (id, community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            OVERRIDING SYSTEM VALUE VALUES
                (1, 'GL01', 'GL01-0000001', '张三', '张*', 'active', true, false, '\x01', '2026-08-01', '2026-08-01'),
                (2, 'GL02', 'GL02-0000002', '李四', '李*', 'active', true, false, '\x02', '2026-08-01', '2026-08-01');
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, issued_community, updated_at) VALUES
                (1, 'ZB0000000011', 'active', '2026-09-01', 'GL01', now()),
                (2, 'ZB0000000022', 'active', '2026-10-05', 'GL02', now());
            """);
    }

    public HttpClient Api(string? key)
    {
        var client = new HttpClient { BaseAddress = Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public Task ComputeAsync(string month) =>
        Services.GetRequiredService<MonthlyMetrics>().RunAsync(month, null, mail: false, rebuild: false, CancellationToken.None);

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        foreach (var (code, population) in new[] { ("GL01", "1000"), ("GL02", "2000") })
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"古林{code}社区";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = population;
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-metrics-dashboard", code);
        }

        settings["Outreach:Metrics:ApiKeys:town"] = TownKey;
        settings["Outreach:Activity:ApiKeys:gate"] = GateKey;
        settings["Outreach:Activity:MaxBatchRecords"] = MaxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
