using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Worker.Communities;

namespace Outreach.Worker.Tests.Communities;

/// <summary>The hub's community catalog: names and policy bound from the same keys as the adapters' settings, checked at start naming the key.</summary>
public sealed class CommunityCatalogOptionsValidatorTests
{
    private static CommunityEntry Community(string code) => new() { Code = code, Name = "古林社区", PopulationServed = 1200 };

    private static List<string> FailuresOf(params CommunityEntry[] communities) =>
        new CommunityCatalogOptionsValidator().Validate(null, new CommunityCatalogOptions { Communities = communities.ToDictionary(c => c.Code) })
            .Failures?.ToList() ?? [];

    [Fact]
    public void A_well_configured_community_is_valid() => Assert.Empty(FailuresOf(Community("GL01")));

    [Fact]
    public void Name_population_and_share_are_checked()
    {
        var community = Community("GL01");
        community.Name = "";
        community.PopulationServed = 0;
        community.MaxWithdrawalShare = 1.5;

        Assert.Equal(
            [
                "Outreach:Communities:GL01:Name is required",
                "Outreach:Communities:GL01:PopulationServed must be a positive number of residents",
                "Outreach:Communities:GL01:MaxWithdrawalShare must be above 0 and at most 1 (0.10 means 10%)",
            ],
            FailuresOf(community));
    }

    [Theory]
    [InlineData("0 30 1 * *")]
    [InlineData("0 30 1 * * *")]
    [InlineData("")]
    [InlineData("every night")]
    public void Schedule_that_is_no_quartz_cron_is_refused(string schedule)
    {
        var community = Community("GL01");
        community.Schedule = schedule;

        Assert.Equal([$"Outreach:Communities:GL01:Schedule '{schedule}' is not a Quartz cron expression (sec min hour day month weekday [year])"], FailuresOf(community));
    }

    [Theory]
    [InlineData("0 30 1 * * ?")]
    [InlineData("0 0 2 ? * MON-FRI")]
    [InlineData("0 15 10 L * ? 2027")]
    public void Quartz_cron_schedules_are_accepted(string schedule)
    {
        var community = Community("GL01");
        community.Schedule = schedule;

        Assert.Empty(FailuresOf(community));
    }

    [Fact]
    public void Configuration_binds_the_catalog_by_code_with_defaults_from_the_same_keys_as_the_adapters()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Outreach:Communities:GL01:Name"] = "古林",
            ["Outreach:Communities:GL01:PopulationServed"] = "1200",
            ["Outreach:Communities:GL01:Kind"] = "rest",
            ["Outreach:Communities:GL03:Name"] = "薛家",
            ["Outreach:Communities:GL03:PopulationServed"] = "900",
            ["Outreach:Communities:GL03:Kind"] = "Csv",
            ["Outreach:Communities:GL03:MaxWithdrawalShare"] = "0.2",
        });

        var options = services.GetRequiredService<IOptions<CommunityCatalogOptions>>().Value;

        Assert.Equal(["GL01", "GL03"], options.Communities.Values.Select(c => c.Code).Order(StringComparer.Ordinal));
        var gl03 = options.Communities["gl03"];
        Assert.Equal(0.2, gl03.MaxWithdrawalShare);
        Assert.Equal("0 30 1 * * ?", gl03.Schedule);
        Assert.Equal("薛家", options.NameOf("GL03"));
    }

    [Fact]
    public void Bad_policy_stops_the_host_at_start_naming_the_key()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Outreach:Communities:GL04:Name"] = "布政",
            ["Outreach:Communities:GL04:PopulationServed"] = "0",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Outreach:Communities:GL04:PopulationServed must be a positive number of residents", failure.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddOutreachCommunities();
        return services.BuildServiceProvider();
    }
}
