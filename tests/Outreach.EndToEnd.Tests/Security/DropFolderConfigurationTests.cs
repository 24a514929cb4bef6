using Microsoft.Extensions.Options;
using Outreach.Dashboard.Hosting;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Worker.Cli;
using Outreach.Worker.Hosting;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>A csv community whose drop folder lies outside Outreach:FileDrops:Root stops every host at start, naming the key.</summary>
public sealed class DropFolderConfigurationTests
{
    private const string Key = "Outreach:Communities:GL03:DropFolder";

    // GL04's folder lies inside the root: it must not be named.
    private const string AcceptedKey = "Outreach:Communities:GL04:DropFolder";

    public static TheoryData<string> FoldersOutsideTheRoot { get; } = new()
    {
        "/etc",
        "{root}/../elsewhere",
        "{root}-sibling/GL03",
        "{root}/GL03/../../outside",
    };

    [Theory]
    [MemberData(nameof(FoldersOutsideTheRoot))]
    public async Task The_worker_refuses_to_start(string folder)
    {
        var settings = Settings(folder);
        using var worker = HubHost.Build(HostRole.Worker, settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => worker.StartAsync());

        Assert.Contains(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AcceptedKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FoldersOutsideTheRoot))]
    public void The_dashboard_refuses_to_start(string folder)
    {
        var error = Assert.Throws<OptionsValidationException>(() => DashboardApp.Build([], Settings(folder)));

        Assert.Contains(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AcceptedKey, error.Message, StringComparison.Ordinal);
    }

    // No database is reached: options are validated before anything connects.
    private static Dictionary<string, string?> Settings(string folder)
    {
        var root = Path.Combine(Path.GetTempPath(), "outreach-e2e-drops");
        var settings = HubSettings.For("Host=127.0.0.1;Port=1;Database=none;Username=nobody", new Uri("http://127.0.0.1:9/"), root);
        settings["Outreach:Database:MigrateOnStart"] = "false";
        settings["Outreach:Hangfire:RunServer"] = "false";
        settings[Key] = folder.Replace("{root}", root, StringComparison.Ordinal);
        return settings;
    }
}
