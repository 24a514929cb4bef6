using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Outreach.Testing;
using Outreach.Worker.Jobs;

namespace Outreach.Bench.Jobs;

/// <summary>What both sides of a jobs benchmark run agree on: the worker count, the hub's settings, the plain storage.</summary>
public static class JobsBenchSettings
{
    public const int Workers = 10;

    /// <summary>The hub's configuration as shipped, with every worker on the default queue and no schedule firing.</summary>
    public static Dictionary<string, string?> Hub(string connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outreach:PersonalData:HashKey"] = "benchmark-hash-key-that-is-long-enough-0123456789",
        };
        foreach (var queue in HubQueues.All)
        {
            settings[$"Outreach:Hangfire:Queues:{queue}"] = (queue == HubQueues.Default ? Workers : 0).ToString(CultureInfo.InvariantCulture);
        }

        ShippedSchedules.DisableAll(settings);
        return settings;
    }

    /// <summary>Hangfire.PostgreSql exactly as a new project gets it: default options, its own schema installed on first use.</summary>
    public static PostgreSqlStorage PlainStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions();
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    public static BackgroundJobServerOptions PlainServer() => new() { WorkerCount = Workers };
}
