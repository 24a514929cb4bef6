using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Communities;
using Outreach.Worker.Activity;
using Outreach.Worker.Metrics;

namespace Outreach.EndToEnd.Tests.Browser;

/// <summary>The metrics page's trend charts as chromium draws them, from figures the product computed.</summary>
[Collection(BrowserGroup.Name)]
public sealed class MetricsChartsTests(BrowserWorld browser)
{
    // GL03 is no other browser test's community, and these residents' ID numbers are no other test's (the same person
    // synced in another community would move there, and the visits with them).
    private const string Community = "GL03";
    private const string CommunityColumn = "GL03 · Community GL03";

    // Visits per month of the trailing year, oldest first. The month at NotComputed has visits but is never computed,
    // so its chart has a gap there; the highest computed value (8) puts the top of the scale at 10.
    private static readonly int[] Visits = [3, 5, 2, 6, 4, 9, 7, 1, 5, 8, 3, 6];
    private const int NotComputed = 5;
    private const int ScaleTop = 10;

    // The charts' colour of lines and points (TrendChart): what must end up painted.
    private static readonly (int R, int G, int B) PlotColour = (0x0b, 0x6e, 0x99);

    private static readonly List<SimResident> Roster = Residents.Range(Community, 700, 6);

    private HubWorld World => browser.World;

    [Fact]
    public async Task A_viewer_opens_the_metrics_page_and_the_trend_charts_plot_every_computed_month()
    {
        var months = await SeedComputedYearAsync();
        var computed = Enumerable.Range(0, months.Count).Where(i => i != NotComputed).ToList();
        var tips = computed.Select(i => $"{months[i]}: {Visits[i]}").ToList();
        var foreign = new List<string>();

        await browser.Chromium.RunAsync(World.Address, nameof(A_viewer_opens_the_metrics_page_and_the_trend_charts_plot_every_computed_month), async page =>
        {
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(World.Address.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal))
                {
                    foreign.Add(request.Url);
                }
            };
            await StaffBrowser.LogInAsync(page, TestAccounts.Viewer);
            await page.GetByRole(AriaRole.Link, new() { Name = "Metrics", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/metrics$"));

            // The newest computed month is shown, with a known figure in the table.
            await Assertions.Expect(page.GetByLabel("Month", new() { Exact = true })).ToHaveValueAsync(months[^1].ToString());
            var visitsRow = page.Locator("table.metrics tr[data-indicator=visits]");
            var headers = await page.Locator("table.metrics thead th").AllInnerTextsAsync();
            var column = headers.ToList().IndexOf("GL03 Community GL03");
            Assert.True(column > 0, "The table has no column for GL03: " + string.Join(" | ", headers));
            await Assertions.Expect(visitsRow.Locator("td").Nth(column - 1).Locator(".value")).ToHaveTextAsync(Visits[^1].ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(visitsRow.Locator("td.all .value")).ToHaveTextAsync(Visits[^1].ToString(CultureInfo.InvariantCulture));

            var charts = page.Locator(".trends svg.trend");
            await Assertions.Expect(charts).ToHaveCountAsync(Indicators.Charted.Count);
            foreach (var chart in await charts.AllAsync())
            {
                await Assertions.Expect(chart).ToBeVisibleAsync();
                var box = await chart.BoundingBoxAsync();
                Assert.True(box is { Width: > 100, Height: > 50 }, $"A chart is drawn {box?.Width}x{box?.Height} px.");
                await Assertions.Expect(chart.Locator("circle")).ToHaveCountAsync(computed.Count);
            }

            await ChartPlotsAsync(page, "Visits · All communities", months, computed, tips);

            // The chart picker redraws the trends for one community.
            await page.GetByLabel("Chart").SelectOptionAsync(new SelectOptionValue { Label = CommunityColumn });
            await page.Locator("form", new() { Has = page.GetByLabel("Chart") }).GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("chart=GL03"));
            await ChartPlotsAsync(page, "Visits · Community GL03", months, computed, tips);
        });

        Assert.True(foreign.Count == 0, "The metrics page loaded from elsewhere than the dashboard: " + string.Join(", ", foreign));
    }

    /// <summary>
    /// The chart named <paramref name="name"/> is laid out and painted: one point per computed month, where the point's
    /// value puts it against the drawn gridlines, on top at its spot, a line broken where the month was not computed,
    /// every month labelled under the axis, and the plot's colour on screen.
    /// </summary>
    private static async Task ChartPlotsAsync(IPage page, string name, IReadOnlyList<ReportMonth> months, List<int> computed, List<string> tips)
    {
        var chart = page.GetByRole(AriaRole.Img, new() { Name = name, Exact = true });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.Equal(tips, await chart.Locator("circle > title").AllTextContentsAsync());
        Assert.Equal([NotComputed, months.Count - NotComputed - 1],
            (await chart.Locator("polyline").EvaluateAllAsync<string[]>("lines => lines.map(l => l.getAttribute('points'))"))
                .Select(points => points.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        // Measured in the viewport, where hit-testing tells what is on top.
        await chart.ScrollIntoViewIfNeededAsync();
        var drawn = await chart.EvaluateAsync<Drawing>("""
            svg => {
              const centre = el => { const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height }; };
              const points = [...svg.querySelectorAll('circle')].map(c => {
                const at = centre(c);
                return { x: at.x, y: at.y, size: at.w, onTop: document.elementFromPoint(at.x, at.y) === c };
              });
              const gridlines = [...svg.querySelectorAll('line')].map(l => centre(l).y);
              const labels = [...svg.querySelectorAll('text')].map(t => ({ text: t.textContent, y: centre(t).y }));
              return { points, gridlines, labels };
            }
            """);
        Assert.Equal(computed.Count, drawn.Points.Length);
        Assert.All(drawn.Points, p => Assert.True(p.OnTop && p.Size > 3, $"A point at ({p.X:0}, {p.Y:0}) is {p.Size:0.#} px wide or hidden under something."));
        Assert.True(drawn.Points.Zip(drawn.Points.Skip(1)).All(pair => pair.Second.X > pair.First.X), "The points do not run left to right by month.");
        var (zero, top) = (drawn.Gridlines[0], drawn.Gridlines[^1]);
        Assert.True(zero - top > 50, $"The gridlines of 0 and {ScaleTop} are drawn {zero - top:0.#} px apart.");
        Assert.Contains(drawn.Labels, l => l.Text == "0" && Math.Abs(l.Y - zero) < 8);
        Assert.Contains(drawn.Labels, l => l.Text == ScaleTop.ToString(CultureInfo.InvariantCulture) && Math.Abs(l.Y - top) < 8);
        // Under the axis: every month, and the year under the first month and under each January.
        Assert.Equal(months.SelectMany((m, i) => i == 0 || m.Month == 1 ? new[] { Label(m.Month, "00"), Label(m.Year, "0") } : new[] { Label(m.Month, "00") }),
            drawn.Labels.Where(l => l.Y > zero + 2).Select(l => l.Text));
        for (var i = 0; i < computed.Count; i++)
        {
            var expected = zero - (zero - top) * Visits[computed[i]] / ScaleTop;
            Assert.True(Math.Abs(drawn.Points[i].Y - expected) < 1.5,
                $"{tips[i]} is drawn at y={drawn.Points[i].Y:0.#}, not at {expected:0.#} between the gridlines of 0 (y={zero:0.#}) and {ScaleTop} (y={top:0.#}).");
        }

        var painted = await RenderedPixels.CountAsync(page, await chart.ScreenshotAsync(), PlotColour);
        Assert.True(painted > computed.Count * 15, $"Only {painted} pixels of the plot's colour are painted for {computed.Count} points and their lines.");
    }

    private static string Label(int number, string format) => number.ToString(format, CultureInfo.InvariantCulture);

    // Card holders of GL03 from a roster sync, a year of their visits through the activity intake (as the gate counter's
    // API sends them), and every month but one computed by the metrics job's own code. The months end with the last
    // month that has ended.
    private async Task<IReadOnlyList<ReportMonth>> SeedComputedYearAsync()
    {
        await CsvRoster.SyncAsync(World, Community, Roster);
        var cards = await World.ListAsync(
            "SELECT c.card_number FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id WHERE r.community = $1 ORDER BY c.card_number", Community);
        Assert.Equal(Roster.Count(r => r.WantsLibraryCard), cards.Count);

        var metrics = World.Dashboard.Services.GetRequiredService<MonthlyMetrics>();
        var months = metrics.DefaultMonth().Trailing(Visits.Length);
        var records = months.SelectMany((month, i) => Enumerable.Range(0, Visits[i]).Select(n =>
            new ActivityRecord($"e2e-{month}-{n}", cards[n % cards.Count], ActivityKinds.Visit, $"{month}-{10 + n:00}T10:00:00+08:00"))).ToList();
        var outcome = await World.Dashboard.Services.GetRequiredService<ActivityIntake>().IngestAsync(
            new ActivityBatch("gate", ActivityBatch.ApiChannel, "api:gate:browser-e2e"), records, CancellationToken.None);
        Assert.Equal(records.Count, outcome.Accepted);

        await metrics.RunAsync(months[NotComputed - 1].ToString(), months[0].ToString(), mail: false, rebuild: false, CancellationToken.None);
        await metrics.RunAsync(months[^1].ToString(), months[NotComputed + 1].ToString(), mail: false, rebuild: false, CancellationToken.None);
        return months;
    }

    // What the page script measured; Playwright fills these by their property names.
    private sealed class Drawing
    {
        public DrawnPoint[] Points { get; init; } = [];

        public double[] Gridlines { get; init; } = [];

        public DrawnLabel[] Labels { get; init; } = [];
    }

    private sealed class DrawnPoint
    {
        public double X { get; init; }

        public double Y { get; init; }

        public double Size { get; init; }

        public bool OnTop { get; init; }
    }

    private sealed class DrawnLabel
    {
        public string Text { get; init; } = "";

        public double Y { get; init; }
    }
}
