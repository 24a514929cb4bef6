using Microsoft.Extensions.Options;
using Outreach.Testing;
using Outreach.Worker.Hosting;

namespace Outreach.Worker.Tests.Orders;

public sealed class OrdersConfigurationTests
{
    [Theory]
    [InlineData("Outreach:Orders:MaxQuantity", "0", "Outreach:Orders:MaxQuantity must be between 1 and 100.")]
    [InlineData("Outreach:Orders:PushConcurrency", "100", "Outreach:Orders:PushConcurrency must be between 1 and 64.")]
    [InlineData("Outreach:Orders:BudgetLines:SOC-2026:MonthlyCap", "-5", "Outreach:Orders:BudgetLines:SOC-2026:MonthlyCap must be a positive amount in yuan.")]
    [InlineData("Outreach:Orders:NoticeMaxAttempts", "0", "Outreach:Orders:NoticeMaxAttempts must be between 1 and 100.")]
    [InlineData("Outreach:Bookstore:BaseUrl", "xinhua.example.cn", "Outreach:Bookstore:BaseUrl 'xinhua.example.cn' must be an absolute http or https address")]
    public async Task A_bad_orders_setting_stops_the_hub_at_start_naming_the_key(string key, string value, string message)
    {
        var settings = HubHosts.BaseSettings(await TestPostgres.CreateDatabaseAsync("orders_config"));
        settings[key] = value;
        await using var hosts = new HubHosts();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hosts.StartAsync(HostRole.Client, settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
