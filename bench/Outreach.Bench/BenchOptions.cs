using System.Globalization;

namespace Outreach.Bench;

/// <summary>Benchmark names and sizes from the command line.</summary>
public sealed class BenchOptions
{
    public List<string> Names { get; } = [];

    /// <summary>Overrides a benchmark's default size (rows, readers, orders...).</summary>
    public int? Size { get; private set; }

    /// <summary>Runs a benchmark at each of its sweep sizes (or at --size only) and prints the cost per row at each.</summary>
    public bool Sweep { get; private set; }

    public bool Help { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Length:
                    options.Size = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--sweep":
                    options.Sweep = true;
                    break;
                case "--help" or "-h":
                    options.Help = true;
                    break;
                default:
                    options.Names.Add(args[i].ToLowerInvariant());
                    break;
            }
        }

        return options;
    }
}
