using Outreach.EndToEnd.Tests.Hosting;

namespace Outreach.EndToEnd.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserWorld>
{
    public const string Name = "Browser";
}

/// <summary>The seats' browser test computes the month in course, which the shared world's metrics page must not show.</summary>
[CollectionDefinition(Name)]
public sealed class SeatsBrowserGroup : ICollectionFixture<SeatsBrowserWorld>
{
    public const string Name = "Seats browser";
}

/// <summary>A browser world of its own, for the seats' browser test.</summary>
public sealed class SeatsBrowserWorld : BrowserWorld
{
    public SeatsBrowserWorld()
        : base("browser_seats")
    {
    }
}

/// <summary>The hub (dashboard, worker, sandbox) and chromium, shared by the browser tests.</summary>
public class BrowserWorld : IAsyncLifetime
{
    private readonly string _purpose;

    public BrowserWorld()
        : this("browser")
    {
    }

    // xunit builds a fixture through its one public constructor.
    protected BrowserWorld(string purpose) => _purpose = purpose;

    public HubWorld World { get; private set; } = null!;

    public Chromium Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        World = await HubWorld.StartAsync(_purpose, new WorldOptions
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
