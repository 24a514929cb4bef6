using System.Text;
using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities.CsvDrop;

public sealed class CsvCardStatusPublisherTests : IDisposable
{
    // 17:30 UTC on the 20th is already 01:30 on the 21st in Ningbo.
    private readonly CsvDropFixture _drops = new(new DateTimeOffset(2026, 11, 20, 17, 30, 0, TimeSpan.Zero));

    private static readonly CardStatusUpdate[] Updates =
    [
        new("GL03-0000001", "GL-2026-000001", CardStatuses.Active, new DateOnly(2026, 11, 20)),
        new("GL03-0000002", "GL-2026-000002", CardStatuses.Withdrawn, new DateOnly(2026, 3, 5)),
    ];

    public void Dispose() => _drops.Dispose();

    private string Outbox => Path.Combine(_drops.DropFolderOf("GL03"), "outbox");

    [Fact]
    public async Task Card_status_goes_to_the_outbox_as_utf8_with_bom_dated_in_shanghai_time()
    {
        var outcomes = await _drops.Publisher.PublishAsync("GL03", Updates, CancellationToken.None);

        Assert.Equal(Updates.Select(u => CardPublishOutcome.Succeeded(u.ResidentId)), outcomes);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Outbox, "cards_GL03_20261121.csv"));
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "resident_id,card_number,status,issued_on\r\n"
            + "GL03-0000001,GL-2026-000001,active,2026-11-20\r\n"
            + "GL03-0000002,GL-2026-000002,withdrawn,2026-03-05\r\n",
            Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public async Task Second_file_on_the_same_day_gets_a_suffix_and_leaves_the_first_alone()
    {
        await _drops.Publisher.PublishAsync("GL03", Updates[..1], CancellationToken.None);
        var first = await File.ReadAllBytesAsync(Path.Combine(Outbox, "cards_GL03_20261121.csv"));

        await _drops.Publisher.PublishAsync("GL03", Updates[1..], CancellationToken.None);

        Assert.Equal(["cards_GL03_20261121.csv", "cards_GL03_20261121_2.csv"], Directory.GetFiles(Outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(Outbox, "cards_GL03_20261121.csv")));
        Assert.Contains("GL03-0000002", await File.ReadAllTextAsync(Path.Combine(Outbox, "cards_GL03_20261121_2.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_is_dated_in_the_configured_time_zone()
    {
        using var drops = new CsvDropFixture(new DateTimeOffset(2026, 11, 20, 17, 30, 0, TimeSpan.Zero), timeZone: "Europe/Berlin");

        await drops.Publisher.PublishAsync("GL03", Updates, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(drops.DropFolderOf("GL03"), "outbox", "cards_GL03_20261120.csv")));
    }

    [Fact]
    public async Task Nothing_to_publish_writes_no_file()
    {
        Assert.Empty(await _drops.Publisher.PublishAsync("GL03", [], CancellationToken.None));

        Assert.False(Directory.Exists(Outbox) && Directory.EnumerateFileSystemEntries(Outbox).Any());
    }

    [Fact]
    public async Task Values_that_need_quoting_are_quoted()
    {
        await _drops.Publisher.PublishAsync("GL03", [new("GL03,7", "C\"1", CardStatuses.Suspended, new DateOnly(2026, 1, 2))], CancellationToken.None);

        var text = await File.ReadAllTextAsync(Path.Combine(Outbox, "cards_GL03_20261121.csv"));
        Assert.EndsWith("\"GL03,7\",\"C\"\"1\",suspended,2026-01-02\r\n", text, StringComparison.Ordinal);
    }
}
