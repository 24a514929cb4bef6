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

    [Fact]
    public async Task Personal_data_kept_before_field_masking_is_dropped_by_the_migration()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate_minimise");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await dataSource.ExecuteAsync("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, birth_date, status, wants_card, email_opt_in, row_hash,
                created_at, updated_at)
            VALUES ('GL03', 'GL03-0000012', '王芳', '王*', '1946-06-24', 'active', true, false, '\x00', now(), now());
            INSERT INTO outreach.quarantine (run_id, community, source, row_number, resident_id, reason_code, reason_text, raw_masked, created_at)
            VALUES (1, 'GL03', 'residents_GL03.csv', 12, 'GL03-0000012', 'missing_name', 'name is empty',
                    'GL03-0000012,,330203********1488,138****5678,w***@example.cn,古林镇薛家路12号,1946-06-24,active,是,否,', now()),
                   (2, '', 'gate', 3, NULL, 'unknown_card', 'The card number is not known.', 'id v-3 · card ZB0000009999 · visit · 2026-10-01T09:00', now());
            """);
        var script = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("0010_personal_data_minimised.sql", StringComparison.Ordinal));
        await using (var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream(script)!)
        using (var text = new StreamReader(stream))
        {
            await dataSource.ExecuteAsync(await text.ReadToEndAsync());
        }

        Assert.Equal(0, await dataSource.ScalarAsync("SELECT count(*) FROM outreach.readers WHERE birth_date IS NOT NULL"));
        Assert.Equal(1, await dataSource.ScalarAsync("SELECT count(*) FROM outreach.quarantine WHERE raw_masked = '' AND row_number = 12"));
        Assert.Equal(1, await dataSource.ScalarAsync("SELECT count(*) FROM outreach.quarantine WHERE raw_masked LIKE 'id v-3 · card ZB0000009999%'"));
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
