using Npgsql;
using Quartz;

namespace Outreach.Worker.Storage;

/// <summary>
/// Applies the PostgreSQL schema that the referenced Quartz version ships (its idempotent create script, the same
/// one AdoJobStore would run for itself), under the hub's table prefix. Run by the migrator under its lock.
/// </summary>
internal static class QuartzSchemaInstaller
{
    private const string ResourceName = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
    private const string StatementSeparator = "--;;";

    public static async Task InstallAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var statement in Statements())
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static IEnumerable<string> Statements()
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The Quartz assembly no longer ships {ResourceName}; check the Quartz upgrade notes.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        var unqualifiedPrefix = HubSchemas.QuartzTablePrefix[(HubSchemas.QuartzTablePrefix.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return script
            .Replace("{0}", HubSchemas.QuartzTablePrefix, StringComparison.Ordinal)
            .Replace("{1}", unqualifiedPrefix, StringComparison.Ordinal)
            .ReplaceLineEndings("\n")
            .Split("\n" + StatementSeparator + "\n")
            .Select(s => s.Trim())
            .Where(s => s.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
    }
}
