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
            return builder.Build();
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<MigrateOnStartService>();
        return services;
    }
}
