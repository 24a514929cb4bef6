using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>A snapshot file named <c>residents_&lt;CODE&gt;_&lt;yyyyMMdd&gt;.csv</c>.</summary>
internal sealed partial record RosterFile(string FilePath, DateOnly Date)
{
    public string FileName => Path.GetFileName(FilePath);

    public static RosterFile? TryParse(string filePath, string communityCode)
    {
        var match = SnapshotName().Match(Path.GetFileName(filePath));
        if (!match.Success || !string.Equals(match.Groups["code"].Value, communityCode, StringComparison.OrdinalIgnoreCase))
            return null;
        return DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new RosterFile(filePath, date)
            : null;
    }

    [GeneratedRegex(@"^residents_(?<code>[A-Za-z0-9-]+)_(?<date>\d{8})\.csv$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotName();
}
