using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Audit;
using Outreach.Worker.Privacy;
using Outreach.Worker.Tests.Readers;

namespace Outreach.Worker.Tests.Privacy;

public sealed class ErasureOnRequestTests
{
    private static readonly DateOnly Nov20 = new(2026, 11, 20);
    private static readonly AuditActor Admin = new(1, "ada", null);

    [Fact]
    public async Task An_erased_resident_is_found_by_id_number_erased_at_once_and_kept_out_of_the_next_rosters_until_lifted()
    {
        await using var world = await SyncWorld.StartAsync("erasure_request");
        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20);
        await world.SyncAsync("GL04");
        var first = File.ReadAllLines(SyncWorld.TestData("residents_GL04_20261120.csv"))[1].Split(',');
        var desk = world.Hub.Services.GetRequiredService<PrivacyDesk>();

        var match = Assert.Single(await world.Hub.Services.GetRequiredService<ResidentLookup>().FindAsync(first[2], CancellationToken.None));
        var receipt = await desk.EraseAsync(match.ReaderId, Admin, CancellationToken.None);
        var again = await desk.EraseAsync(match.ReaderId, Admin, CancellationToken.None);

        Assert.NotNull(receipt);
        Assert.Null(again);
        Assert.Matches("^E-2026-[0-9]{6}$", receipt.Receipt);
        Assert.Empty(await world.Hub.Services.GetRequiredService<ResidentLookup>().FindAsync(first[2], CancellationToken.None));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.cards WHERE reader_id = $1 AND status = 'withdrawn'", match.ReaderId));
        Assert.Equal(1, await world.CountAsync(
            "SELECT count(*) FROM outreach.card_status_outbox WHERE resident_id = $1 AND status = 'withdrawn' AND sent_at IS NULL", first[0]));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'reader_erased' AND target = 'reader:' || $1", match.ReaderId));

        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20.AddDays(1));
        var kept = await world.SyncAsync("GL04");

        Assert.Equal(kept["read"], kept["applied"] + kept["unchanged"] + kept["quarantined"]);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE resident_id = $1", first[0]));
        Assert.Equal(1, await world.CountAsync(
            "SELECT count(*) FROM outreach.quarantine WHERE resident_id = $1 AND reason_code = 'erased_on_request' AND raw_masked = ''", first[0]));

        Assert.True(await desk.LiftSuppressionAsync("GL04", first[0], Admin, CancellationToken.None));
        world.Drop("GL04", SyncWorld.TestData("residents_GL04_20261120.csv"), Nov20.AddDays(2));
        await world.SyncAsync("GL04");

        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.readers WHERE resident_id = $1 AND id <> $2", first[0], match.ReaderId));
    }
}
