using System.Text;

namespace Outreach.Integrations.Tests.Communities.CsvDrop;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>A district-sized roster streams: memory stays flat however many rows go by. Alone, so other tests do not blur the measurement.</summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class LargeRosterStreamingTests : IDisposable
{
    private const int Rows = 1_000_000;
    private const long AllowedGrowth = 32L * 1024 * 1024;
    private readonly CsvDropFixture _drops = new();

    public void Dispose() => _drops.Dispose();

    [Fact]
    public async Task Million_row_snapshot_streams_in_flat_memory()
    {
        WriteRoster(Path.Combine(_drops.DropFolderOf("GL03"), "residents_GL03_20261120.csv"));
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long count = 0;

        await using (var reading = await _drops.Directory.OpenRosterAsync("GL03", null, CancellationToken.None))
        {
            await foreach (var row in reading!.ReadAsync(CancellationToken.None))
            {
                if (++count % 250_000 == 0)
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                Assert.Equal(count, row.RowNumber);
            }
        }

        Assert.Equal(Rows, count);
        Assert.True(peak - baseline < AllowedGrowth, $"memory grew by {(peak - baseline) / 1024 / 1024} MiB while streaming");
    }

    private static void WriteRoster(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("住户编号,姓名,身份证号,手机号,电子邮箱,住址,出生日期,状态,办证意愿,邮件订阅,更新时间\r\n");
        for (var i = 1; i <= Rows; i++)
        {
            writer.Write("GL03-");
            writer.Write(i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(",薛彩荷,330203199001011236,13748337887,r@mail.example.cn,古林镇布政路78号8幢722室,1990-01-01,active,是,否,2026-09-13T14:43:00+08:00\r\n");
        }
    }
}
