using DbUp;
using DbUp.Engine.Output;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Logging;

namespace Outreach.Worker.Storage;

/// <summary>
/// Brings the database to the current version: the hub's versioned scripts (DbUp, embedded SQL), the schema
/// the referenced Quartz version ships, and Hangfire's own installer, all under one PostgreSQL advisory lock so that processes starting together
/// apply each script once.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Every hub process takes the same lock.
    private const string MigrationLockKey = "outreach-migrations";

    /// <summary>Applies what is pending and returns the names of the scripts it ran (empty when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var migrationLock = await AdvisoryLock.AcquireAsync(dataSource, MigrationLockKey, cancellationToken);
        var lockConnection = migrationLock.Connection;

        // DbUp's journal lives in the hub's schema, so the schema must exist before the first script.
        await using (var schema = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {HubSchemas.Hub}", lockConnection))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = ApplyScripts();
        await QuartzSchemaInstaller.InstallAsync(lockConnection, cancellationToken);
        InstallHangfireSchema(lockConnection);
        return applied;
    }

    private List<string> ApplyScripts()
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(dataSource.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.EndsWith(".sql", StringComparison.Ordinal))
            .JournalToPostgresqlTable(HubSchemas.Hub, "schema_versions")
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();

        var pending = upgrader.GetScriptsToExecute().Select(s => ShortName(s.Name)).ToList();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {ShortName(result.ErrorScript?.Name ?? "?")} failed: {result.Error.Message}", result.Error);
        }

        foreach (var script in pending)
        {
            Log.ScriptApplied(logger, script);
        }

        return pending;
    }

    private static void InstallHangfireSchema(NpgsqlConnection connection) =>
        PostgreSqlObjectsInstaller.Install(connection, HubSchemas.Hangfire);

    private static string ShortName(string resourceName)
    {
        var marker = resourceName.IndexOf(".Migrations.", StringComparison.Ordinal);
        return marker < 0 ? resourceName : resourceName[(marker + ".Migrations.".Length)..];
    }

    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogInformation(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (!logger.IsEnabled(level >= LogLevel.Error ? LogLevel.Debug : level))
            {
                return;
            }

            // DbUp's own error lines repeat what MigrateAsync throws with the script's name: keep them at debug level.
            var text = Format(format, args);
            if (level >= LogLevel.Error)
            {
                Log.DbUpError(logger, text, exception);
            }
            else if (level == LogLevel.Warning)
            {
                Log.DbUpWarning(logger, text);
            }
            else
            {
                Log.DbUpDetail(logger, text);
            }
        }

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Storage + 1, Level = LogLevel.Information, Message = "Migration {Script} applied")]
        public static partial void ScriptApplied(ILogger logger, string script);

        [LoggerMessage(EventId = LogEvents.Storage + 2, Level = LogLevel.Debug, Message = "DbUp: {Detail}")]
        public static partial void DbUpDetail(ILogger logger, string detail);

        [LoggerMessage(EventId = LogEvents.Storage + 3, Level = LogLevel.Warning, Message = "DbUp: {Detail}")]
        public static partial void DbUpWarning(ILogger logger, string detail);

        [LoggerMessage(EventId = LogEvents.Storage + 4, Level = LogLevel.Debug, Message = "DbUp failed: {Detail}")]
        public static partial void DbUpError(ILogger logger, string detail, Exception? exception);
    }
}
