using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Outreach.Testing;
using Outreach.Worker.Audit;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Tests.Audit;

public sealed class AuditTrailTests
{
    private static readonly AuditActor Ada = new(1, "ada", "198.51.100.7");

    private sealed class World : IAsyncDisposable
    {
        private readonly HubHosts _hosts = new();

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

        public IHost Hub { get; private set; } = null!;

        public NpgsqlDataSource Db { get; private set; } = null!;

        public T Get<T>() where T : notnull => Hub.Services.GetRequiredService<T>();

        public static async Task<World> StartAsync(string purpose)
        {
            var world = new World();
            var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
            world.Hub = await world._hosts.StartAsync(HostRole.Client, HubHosts.BaseSettings(connectionString),
                services => services.AddSingleton<TimeProvider>(world.Clock));
            world.Db = NpgsqlDataSource.Create(connectionString);
            return world;
        }

        public async Task AppendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Get<AuditTrail>().AppendAsync(Ada, new AuditEntry(AuditActions.ReaderViewed, AuditEntry.Reader(i),
                    new Dictionary<string, string> { ["n"] = i.ToString(CultureInfo.InvariantCulture) }), CancellationToken.None);
            }
        }

        /// <summary>What someone with database rights could do, bypassing the append-only trigger.</summary>
        public Task TamperAsync(string sql) => Db.ExecuteAsync($"""
            ALTER TABLE outreach.audit_log DISABLE TRIGGER audit_log_append_only;
            {sql};
            ALTER TABLE outreach.audit_log ENABLE TRIGGER audit_log_append_only;
            """);

        public async ValueTask DisposeAsync()
        {
            await _hosts.DisposeAsync();
            await Db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Appends_from_many_writers_at_once_are_numbered_without_gaps_and_verify()
    {
        await using var world = await World.StartAsync("audit_concurrent");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => world.AppendAsync(25))));

        var verification = await world.Get<AuditChain>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, string.Join(", ", verification.Breaks));
        Assert.Equal(100, verification.Checked);
        Assert.Equal(100, verification.HeadId);
        Assert.Equal(100, await world.Db.ScalarAsync("SELECT max(id) FROM outreach.audit_log"));
    }

    [Fact]
    public async Task An_entry_edited_in_the_database_is_reported_by_the_verification_and_fails_the_audit_job()
    {
        await using var world = await World.StartAsync("audit_edited");
        await world.AppendAsync(10);

        await world.TamperAsync("UPDATE outreach.audit_log SET actor = 'someone else' WHERE id = 5");

        var verification = await world.Get<AuditChain>().VerifyAsync(CancellationToken.None);
        Assert.Equal([new AuditBreak(5, AuditBreak.Altered)], verification.Breaks);
        var job = await Assert.ThrowsAsync<PermanentJobFailureException>(() => world.Get<AuditJob>().RunAsync(CancellationToken.None));
        Assert.Contains("entry 5 (altered)", job.Message, StringComparison.Ordinal);
        Assert.Equal(10, await world.Db.ScalarAsync("SELECT count(*) FROM outreach.audit_log"));
    }

    [Fact]
    public async Task An_entry_rehashed_after_editing_breaks_the_link_to_the_next()
    {
        await using var world = await World.StartAsync("audit_rehashed");
        await world.AppendAsync(10);

        await world.TamperAsync("""
            UPDATE outreach.audit_log SET actor = 'someone else',
                hash = outreach.audit_hash(prev_hash, id, at, actor_id, 'someone else', client_address, action, target, details) WHERE id = 5
            """);

        var verification = await world.Get<AuditChain>().VerifyAsync(CancellationToken.None);
        Assert.Equal([new AuditBreak(6, AuditBreak.Unlinked)], verification.Breaks);
    }

    [Fact]
    public async Task Removed_entries_are_reported_in_the_middle_and_at_the_end()
    {
        await using var world = await World.StartAsync("audit_removed");
        await world.AppendAsync(10);

        await world.TamperAsync("DELETE FROM outreach.audit_log WHERE id IN (4, 10)");

        var verification = await world.Get<AuditChain>().VerifyAsync(CancellationToken.None);
        Assert.Equal([new AuditBreak(5, AuditBreak.Gap), new AuditBreak(9, AuditBreak.Head)], verification.Breaks);
    }

    [Fact]
    public async Task The_trail_refuses_to_change_or_lose_an_entry()
    {
        await using var world = await World.StartAsync("audit_append_only");
        await world.AppendAsync(2);

        await Assert.ThrowsAsync<PostgresException>(() => world.Db.ExecuteAsync("UPDATE outreach.audit_log SET actor = 'x' WHERE id = 1"));
        await Assert.ThrowsAsync<PostgresException>(() => world.Db.ExecuteAsync("DELETE FROM outreach.audit_log WHERE id = 1"));
        await Assert.ThrowsAsync<PostgresException>(() => world.Db.ExecuteAsync("TRUNCATE outreach.audit_log"));
        Assert.Equal(2, await world.Db.ScalarAsync("SELECT count(*) FROM outreach.audit_log"));
    }

    [Fact]
    public async Task Pruning_keeps_a_checkpoint_from_which_the_rest_still_verifies()
    {
        await using var world = await World.StartAsync("audit_pruned");
        await world.AppendAsync(5);
        world.Clock.Advance(TimeSpan.FromDays(1100));
        await world.AppendAsync(3);

        await world.Get<AuditJob>().RunAsync(CancellationToken.None);

        Assert.Equal(0, await world.Db.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE id <= 5"));
        Assert.Equal(5, await world.Db.ScalarAsync("SELECT max(through_id) FROM outreach.audit_checkpoints"));
        Assert.Equal(1, await world.Db.ScalarAsync("SELECT count(*) FROM outreach.audit_log WHERE action = 'audit_pruned' AND details LIKE '%\"entries\":\"5\"%'"));
        var verification = await world.Get<AuditChain>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, string.Join(", ", verification.Breaks));
        Assert.Equal(4, verification.Checked);

        await world.TamperAsync("UPDATE outreach.audit_log SET details = '{}' WHERE id = 6");
        Assert.Equal([new AuditBreak(6, AuditBreak.Altered)], (await world.Get<AuditChain>().VerifyAsync(CancellationToken.None)).Breaks);
    }
}
