using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Configuration;

namespace Outreach.Worker.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>One NpgsqlDataSource for the process, the migrator, and migrate-on-start.</summary>
    public static IServiceCollection AddOutreachStorage(this IServiceCollection services)
    {
        services.AddOutreachOptions<DatabaseOptions>(DatabaseOptions.Section)
            .Configure<IConfiguration>((o, configuration) => o.ConnectionString ??= configuration.GetConnectionString("Outreach"));

        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= AppDomain.CurrentDomain.FriendlyName;
            // The hub's statements are lookups by index or single passes over staging: compiling them to machine code costs
            // more than it saves (a staff page whose estimate crossed the JIT threshold spent a second compiling, the monthly
            // figures measured the same). Operators who want JIT set it in the connection string's Options.
            if (builder.ConnectionStringBuilder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
            {
                builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c jit=off".Trim();
            }
            return builder.Build();
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseProbe>();
        services.AddHostedService<MigrateOnStartService>();
        return services;
    }
}
