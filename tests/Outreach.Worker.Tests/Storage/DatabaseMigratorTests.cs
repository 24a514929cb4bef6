using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Outreach.Testing;
using Outreach.Worker.Storage;

namespace Outreach.Worker.Tests.Storage;

public sealed class DatabaseMigratorTests
{
    [Fact]
    public async Task Migrations_applied_by_several_processes_at_once_run_each_script_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate_race", migrated: false);
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(dataSources.Select(ds =>
                new DatabaseMigrator(ds, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None)));

            var allApplied = results.SelectMany(r => r).ToList();
            Assert.Equal(allApplied.Distinct().Count(), allApplied.Count);
            Assert.Contains("0001_hub_foundation.sql", allApplied);
            await using var command = dataSources[0].CreateCommand("SELECT count(*) FROM outreach.schema_versions");
            Assert.Equal((long)allApplied.Count, (long)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var ds in dataSources)
            {
                await ds.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_changes_nothing()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate_again");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var before = await SchemaFingerprintAsync(dataSource);

        var applied = await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
        Assert.Equal(before, await SchemaFingerprintAsync(dataSource));
    }

    [Fact]
    public async Task Hangfire_and_Quartz_tables_live_in_their_own_schemas()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("schemas");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE table_schema = 'hangfire' AND table_name = 'job'),
                   count(*) FILTER (WHERE table_schema = 'quartz' AND table_name = 'qrtz_triggers'),
                   count(*) FILTER (WHERE table_schema = 'outreach' AND table_name = 'staff')
            FROM information_schema.tables
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal([1L, 1L, 1L], [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)]);
    }

    private static async Task<string> SchemaFingerprintAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT string_agg(table_schema || '.' || table_name || '.' || column_name || ':' || data_type, ',' ORDER BY 1)
            FROM information_schema.columns WHERE table_schema IN ('outreach', 'hangfire', 'quartz')
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
