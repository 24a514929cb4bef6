using Outreach.EndToEnd.Tests.Hosting;

namespace Outreach.EndToEnd.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserWorld>
{
    public const string Name = "Browser";
}

/// <summary>The hub (dashboard, worker, sandbox) and chromium, shared by the browser tests.</summary>
public sealed class BrowserWorld : IAsyncLifetime
{
    public HubWorld World { get; private set; } = null!;

    public Chromium Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        World = await HubWorld.StartAsync("browser", new WorldOptions
        {
            Configure = settings => settings["Outreach:Hangfire:AutomaticRetries"] = "0",
        });
        await Chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await World.DisposeAsync();
    }
}
