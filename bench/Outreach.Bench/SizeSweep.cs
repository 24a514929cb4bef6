using System.Globalization;
using System.Text;

namespace Outreach.Bench;

/// <summary>
/// The figures of one path measured at several sizes, each next to its bare baseline measured at the same size in the same
/// run: printed as a table of seconds and seconds per 1,000 rows, with the ratios that show whether cost stays linear.
/// </summary>
public sealed class SizeSweep(string title, string unit, IReadOnlyList<string> phases, IReadOnlyList<(string Phase, string Baseline)> ratios)
{
    private readonly List<(long Size, Dictionary<string, double> Seconds)> _rows = [];

    /// <summary>The sizes a sweep runs by default, or the one given with --size.</summary>
    public static IReadOnlyList<int> Sizes(BenchOptions options, params int[] defaults) => options.Size is { } size ? [size] : defaults;

    /// <summary>
    /// Measures one path against its bare baseline at 10k to 1M rows (--sweep) or at one size (--size, default 100,000),
    /// after small warm-up runs that keep the first compilations out of the smallest sizes (<see cref="SteadyState"/>); prints the table and reports
    /// the linearity of the path (or its one figure).
    /// </summary>
    public static async Task RunPairAsync(BenchOptions options, BenchReport report, string title, string unit, string path, string baseline,
        Func<int, Task<(double Path, double Baseline)>> measure)
    {
        var sweep = new SizeSweep(title, unit, [path, baseline], [(path, baseline)]);
        var sizes = options.Sweep ? Sizes(options, 10_000, 100_000, 250_000, 1_000_000) : [options.Size ?? 100_000];
        await SteadyState.ReachAsync(() => measure(2_000));
        foreach (var size in sizes)
        {
            var (measured, bare) = await measure(size);
            sweep.Add(size, new Dictionary<string, double> { [path] = measured, [baseline] = bare });
        }

        sweep.Print();
        report.Add(sizes.Count > 1 ? sweep.Linearity(path, 2) : new BenchFigure(title, sweep.Seconds(sizes[0], path), "s",
            sweep.Seconds(sizes[0], baseline), baseline, "-", true));
    }

    public void Add(long size, Dictionary<string, double> seconds)
    {
        _rows.Add((size, seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {title}, {size:N0} {unit}: {string.Join(", ", phases.Where(seconds.ContainsKey).Select(p => $"{p} {seconds[p]:F2} s"))}"));
    }

    public double Seconds(long size, string phase) => _rows.Single(r => r.Size == size).Seconds[phase];

    /// <summary>Seconds per 1,000 rows of a phase at every size.</summary>
    public IReadOnlyList<(long Size, double PerThousand)> PerThousand(string phase) =>
        _rows.Where(r => r.Seconds.ContainsKey(phase)).Select(r => (r.Size, r.Seconds[phase] * 1000 / r.Size)).ToList();

    /// <summary>
    /// The linearity target: at every size, the phase's cost per row within <paramref name="factor"/> of its best size's.
    /// The figure is the worst size's cost per row over the best's.
    /// </summary>
    public BenchFigure Linearity(string phase, double factor, long fromSize = 0)
    {
        var costs = PerThousand(phase).Where(c => c.Size >= fromSize).ToList();
        var best = costs.MinBy(c => c.PerThousand);
        var worst = costs.MaxBy(c => c.PerThousand);
        return new BenchFigure(
            string.Create(CultureInfo.InvariantCulture, $"{title} {phase}: worst s/1k ({worst.Size:N0}) / best ({best.Size:N0})"),
            worst.PerThousand / best.PerThousand, "x", null, null,
            string.Create(CultureInfo.InvariantCulture, $"<= {factor:0.#}x"), worst.PerThousand <= factor * best.PerThousand);
    }

    public void Print()
    {
        var header = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"  {unit,12}"));
        foreach (var phase in phases)
        {
            header.Append(CultureInfo.InvariantCulture, $" | {phase + " s",16} {"s/1k",7}");
        }

        foreach (var (phase, baseline) in ratios)
        {
            header.Append(CultureInfo.InvariantCulture, $" | {phase + "/" + baseline,18}");
        }

        Console.WriteLine();
        Console.WriteLine($"  {title} (every column measured in this same run, each size on a fresh database)");
        Console.WriteLine(header);
        foreach (var (size, seconds) in _rows)
        {
            var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"  {size,12:N0}"));
            foreach (var phase in phases)
            {
                line.Append(seconds.TryGetValue(phase, out var s)
                    ? string.Create(CultureInfo.InvariantCulture, $" | {s,16:F2} {s * 1000 / size,7:F3}")
                    : $" | {"-",16} {"-",7}");
            }

            foreach (var (phase, baseline) in ratios)
            {
                line.Append(seconds.TryGetValue(phase, out var p) && seconds.TryGetValue(baseline, out var b) && b > 0
                    ? string.Create(CultureInfo.InvariantCulture, $" | {p / b,17:F2}x")
                    : $" | {"-",18}");
            }

            Console.WriteLine(line);
        }

        Console.WriteLine();
    }
}
