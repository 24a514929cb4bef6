using Outreach.Integrations.Communities;
using Outreach.Integrations.Tests.Communities.CsvDrop;

namespace Outreach.Integrations.Tests.Communities;

/// <summary>
/// The sample snapshots, read through the csv adapter and judged by the validator, against the list of rows the
/// generator broke on purpose (<c>*.bad.txt</c>): identity faults quarantine, contact faults only warn, the rest pass.
/// </summary>
public sealed class SampleRosterVerdictTests : IDisposable
{
    private const string PhoneWarning = RowWarnings.PhoneDropped;
    private const string EmailWarning = RowWarnings.EmailDropped;

    private readonly CsvDropFixture _drops = new();

    public void Dispose() => _drops.Dispose();

    [Theory]
    [InlineData("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261120.bad.txt")]
    [InlineData("GL04", "residents_GL04_20261120.utf8bom.csv", "residents_GL04_20261120.bad.txt")]
    public async Task Every_listed_bad_row_gets_its_verdict_and_every_other_row_is_accepted_cleanly(string code, string sample, string badList)
    {
        _drops.Drop(code, sample, $"residents_{code}_20261120.csv");
        var expected = ExpectedVerdicts(TestData.PathOf(badList));

        await using var reading = await _drops.Directory.OpenRosterAsync(code, null, CancellationToken.None);
        var rows = await CsvDropFixture.ReadAllAsync(reading!);
        var verdicts = rows.Select(row => (row.ResidentId!, Verdict: ResidentRowValidator.Validate(row, CommunityKind.Csv))).ToList();

        var notClean = verdicts
            .Select(v => (Id: v.Item1, Outcome: Describe(v.Verdict)))
            .Where(v => v.Outcome != "accepted")
            .ToDictionary(v => v.Id, v => v.Outcome);
        Assert.Equal(expected.OrderBy(e => e.Key), notClean.OrderBy(e => e.Key));

        var quarantined = verdicts.Count(v => v.Verdict is RowVerdict.Quarantined);
        var accepted = verdicts.Count(v => v.Verdict is RowVerdict.Accepted);
        Assert.Equal(rows.Count, accepted + quarantined);
        Assert.Equal(expected.Values.Count(v => v.StartsWith("quarantined", StringComparison.Ordinal)), quarantined);
    }

    private static string Describe(RowVerdict verdict) => verdict switch
    {
        RowVerdict.Quarantined q => $"quarantined {q.ReasonCode}",
        RowVerdict.Accepted { Warnings.Count: 0 } => "accepted",
        RowVerdict.Accepted a => $"accepted with {string.Join("; ", a.Warnings)}",
        _ => throw new InvalidOperationException(),
    };

    private static Dictionary<string, string> ExpectedVerdicts(string badListPath) =>
        File.ReadAllLines(badListPath)
            .Where(line => line.StartsWith("BAD ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[1], parts => parts[2] switch
            {
                "bad_id_checksum" => $"quarantined {QuarantineReasons.InvalidIdNumber}",
                "missing_name" => $"quarantined {QuarantineReasons.MissingName}",
                "bad_birth_date" => $"quarantined {QuarantineReasons.InvalidBirthDate}",
                "unknown_status" => $"quarantined {QuarantineReasons.UnknownStatus}",
                "bad_phone" => $"accepted with {PhoneWarning}",
                "bad_email" => $"accepted with {EmailWarning}",
                var reason => throw new InvalidOperationException($"The generator has a new kind of bad row: {reason}"),
            });
}
