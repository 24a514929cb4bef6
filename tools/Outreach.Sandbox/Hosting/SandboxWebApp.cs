using System.Net;
using Microsoft.AspNetCore.Http.Json;
using Outreach.Sandbox.Bookstore;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Sandbox.Mail;

namespace Outreach.Sandbox.Hosting;

/// <summary>The sandbox's HTTP side: Kestrel on 127.0.0.1 and every simulated API and page.</summary>
internal static class SandboxWebApp
{
    public static WebApplication Build(SandboxOptions options, CommunitySimulator communities, MailCatcher mail, FaultInjector faults)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // In process the sandbox belongs to a test: it reads no configuration, arguments or files of its own.
            Args = [],
            ApplicationName = typeof(SandboxWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.HttpPort));

        builder.Services.Configure<JsonOptions>(json => SandboxJson.Configure(json.SerializerOptions));
        builder.Services
            .AddSingleton(options)
            .AddSingleton(options.TimeProvider)
            .AddSingleton(communities)
            .AddSingleton(mail)
            .AddSingleton(faults)
            .AddSingleton<ResidentFeed>()
            .AddBookstoreSimulator()
            .AddSingleton<CommunitySeeder>();

        var app = builder.Build();
        app.MapIndexPage()
            .MapCommunityApi()
            .MapSandboxCommunityApi()
            .MapBookstoreApi()
            .MapFaultApi()
            .MapMailApi()
            .MapMailPages();
        return app;
    }
}
