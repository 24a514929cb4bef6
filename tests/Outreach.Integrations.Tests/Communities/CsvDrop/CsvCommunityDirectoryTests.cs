using System.Text;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Communities.CsvDrop;

namespace Outreach.Integrations.Tests.Communities.CsvDrop;

public sealed class CsvCommunityDirectoryTests : IDisposable
{
    private const string EnglishHeader = "resident_id,name,id_number,phone,email,address,birth_date,status,wants_library_card,email_opt_in,updated_at";
    private readonly CsvDropFixture _drops = new();

    public void Dispose() => _drops.Dispose();

    private static int DataLinesOf(string path, Encoding encoding) => File.ReadAllLines(path, encoding).Skip(1).Count(line => line.Length > 0);

    [Fact]
    public async Task Gb18030_snapshot_with_chinese_headers_is_read_row_for_row()
    {
        var path = _drops.Drop("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261120.csv");

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", sinceCursor: null, CancellationToken.None);
        var rows = await CsvDropFixture.ReadAllAsync(reading!);

        Assert.True(reading!.IsFullSnapshot);
        Assert.Equal("residents_GL03_20261120.csv", reading.Source);
        Assert.Null(reading.NextCursor);
        Assert.Equal(DataLinesOf(path, RosterEncodingDetector.Gb18030), rows.Count);
        Assert.Equal(1200, rows.Count);
        Assert.Equal(Enumerable.Range(1, 1200).Select(i => (long)i), rows.Select(r => r.RowNumber));
        var first = rows[0];
        Assert.Equal(("GL03-0000001", "薛彩荷", "否", "是"), (first.ResidentId, first.Name, first.WantsLibraryCard, first.EmailOptIn));
        Assert.Equal(File.ReadLines(path, RosterEncodingDetector.Gb18030).ElementAt(1), first.RawText);
    }

    [Fact]
    public async Task Utf8_snapshot_with_bom_and_english_headers_is_read_row_for_row()
    {
        var path = _drops.Drop("GL04", "residents_GL04_20261120.utf8bom.csv", "residents_GL04_20261120.csv");

        await using var reading = await _drops.Directory.OpenRosterAsync("GL04", null, CancellationToken.None);
        var rows = await CsvDropFixture.ReadAllAsync(reading!);

        Assert.Equal(DataLinesOf(path, Encoding.UTF8), rows.Count);
        Assert.Equal(900, rows.Count);
        Assert.Equal("GL04-0000001", rows[0].ResidentId);
        Assert.Equal("蒋薇", rows[0].Name);
        Assert.Equal("GL04-0000900", rows[^1].ResidentId);
    }

    [Fact]
    public async Task Newest_snapshot_of_the_community_wins_and_other_files_are_ignored()
    {
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", "residents_GL03_20261118.csv");
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", "residents_GL03_20261120.csv");
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", "residents_GL04_20261121.csv");
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", "residents_GL03_2026112.csv");
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", "notes.csv");
        Directory.CreateDirectory(Path.Combine(_drops.DropFolderOf("GL03"), "processed"));
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", Path.Combine("processed", "residents_GL03_20261125.csv"));

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);

        Assert.Equal("residents_GL03_20261120.csv", reading!.Source);
    }

    [Fact]
    public async Task Acknowledged_snapshot_moves_to_processed_with_the_older_ones_it_superseded()
    {
        var folder = _drops.DropFolderOf("GL03");
        _drops.Drop("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261118.csv");
        _drops.Drop("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261120.csv");
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", "residents_GL04_20261120.csv");

        await using (var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None))
        {
            await CsvDropFixture.ReadAllAsync(reading!);
            await reading!.AcknowledgeAsync(CancellationToken.None);
        }

        Assert.Equal(["residents_GL04_20261120.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(["residents_GL03_20261118.csv", "residents_GL03_20261120.csv"],
            Directory.GetFiles(Path.Combine(folder, "processed")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Null(await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None));
    }

    [Fact]
    public async Task Snapshot_dropped_again_is_kept_beside_the_processed_one_not_over_it()
    {
        var processed = Path.Combine(_drops.DropFolderOf("GL03"), "processed");
        Directory.CreateDirectory(processed);
        _drops.Drop("GL03", "residents_GL04_20261120.utf8bom.csv", Path.Combine("processed", "residents_GL03_20261120.csv"));
        _drops.Drop("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261120.csv");

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);
        await CsvDropFixture.ReadAllAsync(reading!);
        await reading!.AcknowledgeAsync(CancellationToken.None);

        Assert.Equal(["residents_GL03_20261120.csv", "residents_GL03_20261120_2.csv"], Directory.GetFiles(processed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new FileInfo(TestData.PathOf("residents_GL04_20261120.utf8bom.csv")).Length, new FileInfo(Path.Combine(processed, "residents_GL03_20261120.csv")).Length);
    }

    [Fact]
    public async Task Roster_not_read_to_the_end_cannot_be_acknowledged()
    {
        _drops.Drop("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261120.csv");

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => reading!.AcknowledgeAsync(CancellationToken.None));
        Assert.Single(Directory.GetFiles(_drops.DropFolderOf("GL03")));
    }

    [Fact]
    public async Task Roster_can_be_read_only_once()
    {
        _drops.Drop("GL03", "residents_GL03_20261120.gb18030.csv", "residents_GL03_20261120.csv");
        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);
        await CsvDropFixture.ReadAllAsync(reading!);

        await Assert.ThrowsAsync<InvalidOperationException>(() => CsvDropFixture.ReadAllAsync(reading!));
    }

    [Fact]
    public async Task Empty_drop_folder_means_nothing_new() =>
        Assert.Null(await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None));

    [Fact]
    public async Task Missing_drop_folder_fails_naming_the_setting()
    {
        Directory.Delete(_drops.DropFolderOf("GL04"));

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => _drops.Directory.OpenRosterAsync("GL04", null, CancellationToken.None));

        Assert.Contains("Outreach:Communities:GL04:DropFolder", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_community_fails_naming_where_to_configure_it()
    {
        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => _drops.Directory.OpenRosterAsync("GL09", null, CancellationToken.None));

        Assert.Equal("Community GL09 is not configured: add it under Outreach:Communities:GL09", failure.Message);
    }

    [Fact]
    public async Task Quoted_fields_lf_endings_and_wrong_field_counts_all_become_rows()
    {
        var text = EnglishHeader + "\n"
            + "GL03-1,\"Smith, John\",,13812345678,,\"Line one\nline two\",1980-01-01,active,true,false,2026-11-01T08:00:00+08:00\n"
            + "GL03-2,张三,,13812345678,,地址,1980-01-01,active,true\n"
            + "GL03-3,李四,,13812345678,,地址,1980-01-01,active,true,false,2026-11-01T08:00:00+08:00,extra\n"
            + "GL03-4,王\"五,,13812345678,,地址,1980-01-01,active,true,false,2026-11-01T08:00:00+08:00\n";
        _drops.DropText("GL03", "residents_GL03_20261120.csv", text, new UTF8Encoding(false));

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);
        var rows = await CsvDropFixture.ReadAllAsync(reading!);

        Assert.Equal(4, rows.Count);
        Assert.Equal("Smith, John", rows[0].Name);
        Assert.Equal("Line one\nline two", rows[0].Address);
        Assert.Null(rows[0].FormatProblem);
        Assert.StartsWith("GL03-1,\"Smith, John\"", rows[0].RawText, StringComparison.Ordinal);
        Assert.EndsWith("+08:00", rows[0].RawText, StringComparison.Ordinal);
        Assert.Equal("row has 9 fields where the header has 11", rows[1].FormatProblem);
        Assert.Equal("GL03-2,张三,,13812345678,,地址,1980-01-01,active,true", rows[1].RawText);
        Assert.Equal("row has 12 fields where the header has 11", rows[2].FormatProblem);
        Assert.Equal("row has malformed quoting (StrayQuote)", rows[3].FormatProblem);
        Assert.All(rows.Skip(1), row => Assert.Equal(QuarantineReasons.MalformedRow,
            Assert.IsType<RowVerdict.Quarantined>(ResidentRowValidator.Validate(row, CommunityKind.Csv)).ReasonCode));
    }

    [Fact]
    public async Task Snapshot_missing_a_required_column_fails_naming_column_and_file()
    {
        _drops.DropText("GL03", "residents_GL03_20261120.csv", "住户编号,姓名,状态\r\nGL03-1,张三,active\r\n", RosterEncodingDetector.Gb18030);

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);
        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => CsvDropFixture.ReadAllAsync(reading!));

        Assert.Equal("Community GL03's roster residents_GL03_20261120.csv has no column for wants_library_card (办证意愿).", failure.Message);
    }

    [Fact]
    public async Task Empty_snapshot_file_fails_visibly()
    {
        _drops.DropText("GL03", "residents_GL03_20261120.csv", "", new UTF8Encoding(false));

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<CommunitySystemException>(() => CsvDropFixture.ReadAllAsync(reading!));
        Assert.Contains("is empty", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_only_snapshot_has_no_rows()
    {
        _drops.DropText("GL03", "residents_GL03_20261120.csv", EnglishHeader + "\r\n", new UTF8Encoding(true));

        await using var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None);

        Assert.Empty(await CsvDropFixture.ReadAllAsync(reading!));
    }
}
