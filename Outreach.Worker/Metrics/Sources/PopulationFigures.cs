using Microsoft.Extensions.Options;
using Outreach.Worker.Communities;
using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>The population each community serves, from its configuration (Outreach:Communities:CODE:PopulationServed) when computed.</summary>
public sealed class PopulationFigures(IOptionsMonitor<CommunityCatalogOptions> communities) : IFigureSource
{
    public string Name => "population";

    public Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        var configured = communities.CurrentValue.Communities.Values.Where(c => sheet.Communities.Contains(c.Code, StringComparer.Ordinal)).ToList();
        foreach (var community in configured)
        {
            sheet.Set(community.Code, Indicators.PopulationServed, community.PopulationServed);
        }

        sheet.Set(FigureSheet.AllCommunities, Indicators.PopulationServed, configured.Sum(c => (decimal)c.PopulationServed));
        sheet.RecordSource("population", configured.ToDictionary(c => c.Code, c => c.PopulationServed, StringComparer.Ordinal));
        return Task.CompletedTask;
    }
}
