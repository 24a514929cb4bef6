using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities;

public class CommunitiesOptionsValidatorTests
{
    private static CommunityOptions Rest(string code) => new()
    {
        Code = code,
        Kind = CommunityKind.Rest,
        BaseUrl = "https://gl01.example.cn",
        Token = "secret-token",
    };

    private static CommunityOptions Csv(string code, string dropFolder) => new()
    {
        Code = code,
        Kind = CommunityKind.Csv,
        DropFolder = dropFolder,
    };

    private static List<string> FailuresOf(CommunitiesOptions options) =>
        new CommunitiesOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private static CommunitiesOptions With(params CommunityOptions[] communities) =>
        new() { Communities = communities.ToDictionary(c => c.Code) };

    [Fact]
    public void Well_configured_communities_are_valid() =>
        Assert.Empty(FailuresOf(With(Rest("GL01"), Csv("GL03", "/srv/drops/gl03"))));

    [Fact]
    public void Rest_community_without_base_url_is_named_by_its_key()
    {
        var community = Rest("GL03");
        community.BaseUrl = null;

        Assert.Equal(["Outreach:Communities:GL03:BaseUrl is required for a rest community"], FailuresOf(With(community)));
    }

    [Theory]
    [InlineData("gl01.example.cn")]
    [InlineData("ftp://gl01.example.cn")]
    [InlineData("/api")]
    public void Rest_base_url_must_be_absolute_http(string baseUrl)
    {
        var community = Rest("GL01");
        community.BaseUrl = baseUrl;

        Assert.Equal([$"Outreach:Communities:GL01:BaseUrl '{baseUrl}' must be an absolute http or https address"], FailuresOf(With(community)));
    }

    [Fact]
    public void Rest_community_without_token_is_named_by_its_key()
    {
        var community = Rest("GL01");
        community.Token = " ";

        Assert.Equal(["Outreach:Communities:GL01:Token is required for a rest community"], FailuresOf(With(community)));
    }

    [Fact]
    public void Csv_community_without_drop_folder_is_named_by_its_key() =>
        Assert.Equal(["Outreach:Communities:GL04:DropFolder is required for a csv community"], FailuresOf(With(Csv("GL04", ""))));

    [Fact]
    public void Drop_folder_outside_the_file_drop_root_is_refused()
    {
        var options = With(Csv("GL04", "/etc"));
        options.FileDropRoot = "/srv/drops";

        Assert.Equal(["Outreach:Communities:GL04:DropFolder '/etc' lies outside Outreach:FileDrops:Root"], FailuresOf(options));
    }

    [Theory]
    [InlineData("/srv/drops/../etc")]
    [InlineData("/srv/drops-evil/gl04")]
    [InlineData("/srv")]
    public void Drop_folder_that_only_looks_inside_the_root_is_refused(string dropFolder)
    {
        var options = With(Csv("GL04", dropFolder));
        options.FileDropRoot = "/srv/drops/";

        Assert.Single(FailuresOf(options));
    }

    [Fact]
    public void Drop_folder_inside_the_root_is_accepted()
    {
        var options = With(Csv("GL04", "/srv/drops/gl04/../gl04b"));
        options.FileDropRoot = "/srv/drops";

        Assert.Empty(FailuresOf(options));
    }

    [Fact]
    public void Community_without_kind_is_refused()
    {
        var community = Rest("GL05");
        community.Kind = default;

        Assert.Equal(["Outreach:Communities:GL05:Kind is required: rest or csv"], FailuresOf(With(community)));
    }

    [Fact]
    public void Page_size_is_checked()
    {
        var community = Rest("GL01");
        community.PageSize = 0;

        Assert.Equal(["Outreach:Communities:GL01:PageSize must be between 1 and 5000"], FailuresOf(With(community)));
    }

    [Fact]
    public void Community_code_that_could_leave_a_file_name_is_refused()
    {
        var options = new CommunitiesOptions { Communities = { ["../GL01"] = Rest("../GL01") } };

        Assert.Equal(["Outreach:Communities:../GL01 is not a community code: use letters, digits and hyphens only"], FailuresOf(options));
    }

    [Fact]
    public void Token_never_shows_in_the_community_text() =>
        Assert.DoesNotContain("secret-token", Rest("GL01").ToString(), StringComparison.Ordinal);

    [Fact]
    public void Configuration_binds_communities_by_code_with_defaults()
    {
        using var services = TestServices.Build(new Dictionary<string, string?>
        {
            ["Outreach:FileDrops:Root"] = "/srv/drops",
            ["Outreach:Communities:GL01:Name"] = "古林",
            ["Outreach:Communities:GL01:PopulationServed"] = "1200",
            ["Outreach:Communities:GL01:Kind"] = "rest",
            ["Outreach:Communities:GL01:BaseUrl"] = "https://gl01.example.cn",
            ["Outreach:Communities:GL01:Token"] = "t",
            ["Outreach:Communities:GL03:Name"] = "薛家",
            ["Outreach:Communities:GL03:PopulationServed"] = "900",
            ["Outreach:Communities:GL03:Kind"] = "Csv",
            ["Outreach:Communities:GL03:DropFolder"] = "/srv/drops/gl03",
            ["Outreach:Communities:GL03:MaxWithdrawalShare"] = "0.2",
        });

        var options = services.GetRequiredService<IOptions<CommunitiesOptions>>().Value;

        Assert.Equal("/srv/drops", options.FileDropRoot);
        Assert.Equal(["GL01", "GL03"], options.Communities.Values.Select(c => c.Code).Order(StringComparer.Ordinal));
        var gl03 = options.Communities["gl03"];
        Assert.Equal(CommunityKind.Csv, gl03.Kind);
        Assert.Equal(500, options.Communities["GL01"].PageSize);
    }

    [Fact]
    public void Bad_configuration_stops_the_host_at_start_naming_the_key()
    {
        using var services = TestServices.Build(new Dictionary<string, string?>
        {
            ["Outreach:FileDrops:Root"] = "/srv/drops",
            ["Outreach:Communities:GL04:Name"] = "布政",
            ["Outreach:Communities:GL04:PopulationServed"] = "700",
            ["Outreach:Communities:GL04:Kind"] = "csv",
            ["Outreach:Communities:GL04:DropFolder"] = "/etc",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Outreach:Communities:GL04:DropFolder '/etc' lies outside Outreach:FileDrops:Root", failure.Failures);
    }
}
