using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Outreach.Testing;

namespace Outreach.Dashboard.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Outreach:Dashboard:PublicBaseUrl", "not a url")]
    [InlineData("Outreach:Dashboard:PublicBaseUrl", "ftp://outreach.example.org")]
    [InlineData("Outreach:Dashboard:LoginRateLimitPerMinute", "0")]
    [InlineData("Outreach:Dashboard:SessionTimeout", "00:00:10")]
    [InlineData("Outreach:Hangfire:AutomaticRetries", "99")]
    [InlineData("Outreach:Dashboard:KnownProxies:0", "the proxy")]
    [InlineData("Outreach:Dashboard:ForwardLimit", "0")]
    [InlineData("Outreach:Audit:RetentionDays", "30")]
    public async Task A_bad_value_stops_the_host_at_start_naming_its_key(string key, string value)
    {
        var settings = TestSettings.Dashboard("Host=127.0.0.1;Port=1;Database=none;Username=nobody");
        settings["Outreach:Database:MigrateOnStart"] = "false";
        settings[key] = value;

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await DashboardHost.StartAsync(settings);
        });

        // One bad value can fail several sections that read it (e.g. a base URL others default to): all are reported together.
        var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        Assert.Contains(failures, f => f.Message.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_community_without_its_name_and_population_stops_the_host_naming_both_keys()
    {
        var settings = TestSettings.Dashboard("Host=127.0.0.1;Port=1;Database=none;Username=nobody");
        settings["Outreach:Database:MigrateOnStart"] = "false";
        settings["Outreach:Communities:GL01:Kind"] = "Csv";
        settings["Outreach:Communities:GL01:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-configuration", "GL01");

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await DashboardHost.StartAsync(settings);
        });

        var messages = string.Join("\n", (error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error]).Select(e => e.Message));
        Assert.Contains("Outreach:Communities:GL01:Name is required", messages, StringComparison.Ordinal);
        Assert.Contains("Outreach:Communities:GL01:PopulationServed", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_configuration_examples_can_be_exported_from_bash()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var start = readme.IndexOf("## Configuration reference", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        var exports = Regex.Matches(section, @"^export (.+)$", RegexOptions.Multiline)
            .SelectMany(line => Regex.Matches(line.Groups[1].Value, @"(\S+?)=('[^']*'|\S+)").Select(m => m.Groups[1].Value))
            .ToList();

        Assert.Contains("Outreach__Communities__GL01__PopulationServed", exports);
        Assert.Contains("ASPNETCORE_URLS", exports);
        Assert.All(exports, name => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", name));
        // The table's examples of names inside keys are the ones bash can export too.
        Assert.DoesNotContain("`SOC-2026`", section, StringComparison.Ordinal);
        Assert.Contains("**required**", section, StringComparison.Ordinal);
    }
}
