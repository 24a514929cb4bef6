using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach.Worker.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>One NpgsqlDataSource for the process, the migrator, and migrate-on-start.</summary>
    public static IServiceCollection AddOutreachStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString("Outreach"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

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
