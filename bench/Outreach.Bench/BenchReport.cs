using System.Globalization;

namespace Outreach.Bench;

/// <summary>One measured figure, its baseline from the same run, and the target it is held to.</summary>
public sealed record BenchFigure(string Name, double Value, string Unit, double? Baseline, string? BaselineName, string Target, bool Met);

/// <summary>Collects figures and prints them as a table: value, baseline, ratio, target, met.</summary>
public sealed class BenchReport
{
    private readonly List<BenchFigure> _figures = [];

    public bool AllMet => _figures.All(f => f.Met);

    public void Add(BenchFigure figure)
    {
        _figures.Add(figure);
        Console.WriteLine(Format(figure));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Summary (every ratio is against a baseline measured in this same run):");
        foreach (var figure in _figures)
        {
            Console.WriteLine(Format(figure));
        }
    }

    private static string Format(BenchFigure f)
    {
        var ratio = f.Baseline is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Ratio(f.Value / f.Baseline.Value)}x {f.BaselineName} ({f.Baseline.Value:F2} {f.Unit})") : "-";
        return string.Create(CultureInfo.InvariantCulture, $"  {f.Name,-46} {f.Value,10:F2} {f.Unit,-8} ratio {ratio,-44} target {f.Target,-18} {(f.Met ? "MET" : "NOT MET")}");
    }

    // Two decimals, or three significant digits for a ratio that two decimals would show as 0.00.
    private static string Ratio(double ratio) =>
        ratio is > 0 and < 0.01 ? ratio.ToString("G3", CultureInfo.InvariantCulture) : ratio.ToString("F2", CultureInfo.InvariantCulture);
}
