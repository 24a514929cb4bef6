using System.Text;
using Outreach.Integrations.Communities.CsvDrop;

namespace Outreach.Integrations.Tests.Communities.CsvDrop;

public class RosterEncodingDetectorTests
{
    private const string Roster = "住户编号,姓名\r\nGL03-0000001,薛彩荷\r\n";

    private static Task<Encoding> DetectAsync(byte[] bytes) =>
        RosterEncodingDetector.DetectAsync(new MemoryStream(bytes), CancellationToken.None);

    [Fact]
    public async Task Byte_order_mark_means_utf8()
    {
        var encoding = await DetectAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Roster)]);

        Assert.Equal("utf-8", encoding.WebName);
        Assert.NotEmpty(encoding.Preamble.ToArray());
    }

    [Fact]
    public async Task Valid_utf8_without_bom_is_utf8() =>
        Assert.Equal("utf-8", (await DetectAsync(Encoding.UTF8.GetBytes(Roster))).WebName);

    [Fact]
    public async Task Chinese_excel_export_is_gb18030() =>
        Assert.Equal(RosterEncodingDetector.Gb18030.CodePage, (await DetectAsync(RosterEncodingDetector.Gb18030.GetBytes(Roster))).CodePage);

    [Fact]
    public async Task Sample_gb18030_file_is_gb18030() =>
        Assert.Equal(RosterEncodingDetector.Gb18030.CodePage,
            (await DetectAsync(await File.ReadAllBytesAsync(TestData.PathOf("residents_GL03_20261120.gb18030.csv"), CancellationToken.None))).CodePage);

    [Fact]
    public async Task Gb18030_text_far_into_the_file_is_still_found()
    {
        var asciiFirst = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("GL03-0000001,x\r\n", 20_000)));

        var encoding = await DetectAsync([.. asciiFirst, .. RosterEncodingDetector.Gb18030.GetBytes(Roster)]);

        Assert.Equal(RosterEncodingDetector.Gb18030.CodePage, encoding.CodePage);
    }

    [Fact]
    public async Task Utf8_character_split_between_two_buffers_is_still_utf8()
    {
        // 64 KiB buffers: put a three-byte character across the first boundary.
        var bytes = Encoding.UTF8.GetBytes(new string('a', 64 * 1024 - 1) + "薛" + Roster);

        Assert.Equal("utf-8", (await DetectAsync(bytes)).WebName);
    }

    [Fact]
    public async Task Stream_is_put_back_where_it_was()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(Roster));
        stream.Position = 3;

        await RosterEncodingDetector.DetectAsync(stream, CancellationToken.None);

        Assert.Equal(3, stream.Position);
    }
}
