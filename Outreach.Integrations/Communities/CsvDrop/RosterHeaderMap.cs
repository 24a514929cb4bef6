namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>
/// Which column of a roster file holds which resident field. Headers may be English or Chinese, in any order,
/// mixed; columns the hub does not know are ignored.
/// </summary>
internal sealed class RosterHeaderMap
{
    private readonly Dictionary<ResidentField, int> _columns;

    private RosterHeaderMap(Dictionary<ResidentField, int> columns, int columnCount)
    {
        _columns = columns;
        ColumnCount = columnCount;
    }

    /// <summary>Columns in the header, the known and the ignored ones.</summary>
    public int ColumnCount { get; }

    /// <exception cref="CommunitySystemException">A required column is missing or a column appears twice.</exception>
    public static RosterHeaderMap Create(IReadOnlyList<string> header, string communityCode, string source)
    {
        var columns = new Dictionary<ResidentField, int>();
        for (var index = 0; index < header.Count; index++)
        {
            var name = header[index].Trim().TrimStart('\uFEFF');
            var field = ResidentFields.All.FirstOrDefault(f =>
                string.Equals(f.English, name, StringComparison.OrdinalIgnoreCase) || string.Equals(f.Chinese, name, StringComparison.Ordinal));
            if (field is null)
                continue;
            if (!columns.TryAdd(field.Field, index))
                throw new CommunitySystemException(communityCode, $"Community {communityCode}'s roster {source} has two columns for {field}: columns {columns[field.Field] + 1} and {index + 1}.");
        }

        var missing = ResidentFields.All.Where(f => f.RequiredColumn && !columns.ContainsKey(f.Field)).ToList();
        if (missing.Count > 0)
            throw new CommunitySystemException(communityCode, $"Community {communityCode}'s roster {source} has no column for {string.Join(", ", missing)}.");

        return new RosterHeaderMap(columns, header.Count);
    }

    /// <summary>The value of a field in a record; null when the file has no such column or the record is too short.</summary>
    public string? ValueOf(ResidentField field, IReadOnlyList<string> record) =>
        _columns.TryGetValue(field, out var index) && index < record.Count ? record[index] : null;

    /// <summary>A row from a record; a record with the wrong number of fields still becomes a row, marked as malformed.</summary>
    public ResidentRow ToRow(IReadOnlyList<string> record, long rowNumber, string rawText, string? formatProblem = null)
    {
        if (formatProblem is null && record.Count != ColumnCount)
            formatProblem = $"row has {record.Count} fields where the header has {ColumnCount}";
        return ResidentFields.CreateRow(rowNumber, rawText, field => ValueOf(field, record), formatProblem);
    }
}
