using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Api;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Digests;
using Outreach.Dashboard.Errors;
using Outreach.Dashboard.Hangfire;
using Outreach.Dashboard.Health;
using Outreach.Dashboard.Home;
using Outreach.Dashboard.KeyRing;
using Outreach.Dashboard.Localization;
using Outreach.Dashboard.Metrics;
using Outreach.Dashboard.Navigation;
using Outreach.Dashboard.Orders;
using Outreach.Dashboard.Privacy;
using Outreach.Dashboard.Readers;
using Outreach.Dashboard.Runs;
using Outreach.Dashboard.Schedules;
using Outreach.Dashboard.Seats;
using Outreach.Dashboard.Staff;
using Outreach.Dashboard.Telemetry;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Hosting;

namespace Outreach.Dashboard.Hosting;

public static class DashboardHostExtensions
{
    /// <summary>The hub's clients (storage, Hangfire client, schedules, staff accounts) and everything the dashboard serves.</summary>
    public static IHostApplicationBuilder AddOutreachDashboard(this IHostApplicationBuilder builder)
    {
        builder.AddOutreachWorker(HostRole.Client);
        var services = builder.Services;
        services.AddOutreachOptions<OutreachDashboardOptions>(OutreachDashboardOptions.Section);
        services.AddSingleton<LibraryTime>();
        services.AddForwardedClient();
        services.AddStaffAuthentication();
        services.AddSharedKeyRing();
        services.AddStaffNavigation();
        services.AddStaffPage(HangfireDashboard.Jobs);
        services.AddReaderPages();
        services.AddDigestPages();
        services.AddOrderPages();
        services.AddMetricsPages();
        services.AddAuditPages();
        services.AddPrivacyPages();
        services.AddPartnerApiDocument();
        services.AddSeatPages();
        services.AddOutreachHealthChecks();
        services.AddSingleton<LiveHangfireServers>();
        services.AddSingleton<AttentionBoard>();
        services.AddSingleton<ScheduleRunner>();
        services.AddSingleton<JobNames>();
        services.AddSingleton<CronInWords>();
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddStaffLocalization();
        // Pages live in their feature's folder (Orders/Index.cshtml answers /orders), the layout in Shared/.
        services.AddRazorPages(options => options.RootDirectory = "/").AddMvcOptions(mvc => mvc.Filters.Add(new QueryValidation()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(ValidationText)));
        // Chinese names, venues and titles are written as characters, not numeric entities; <, >, & and quotes stay encoded.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>The request pipeline: static assets, login, the Hangfire dashboard, the staff pages and /healthz.</summary>
    public static WebApplication MapOutreachDashboard(this WebApplication app)
    {
        // Every option is checked before anything reads one, so a bad value stops the host with a message naming its key.
        app.Services.GetRequiredService<IStartupValidator>().Validate();

        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseErrorPages();
        app.UseStaticFiles(StaticAssets.Options());
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseStaffLocalization();
        app.UseAuthorization();
        app.UseHangfireOperatorGuard();
        app.UseHangfireCommandAudit();
        app.UseImportUploadLimit();

        app.MapRazorPages();
        app.MapLanguageSwitch();
        app.MapOutreachHangfireDashboard();
        app.MapOutreachHealthChecks();
        app.MapDigestEndpoints();
        app.MapOrderEndpoints();
        app.MapMetricsEndpoints();
        app.MapSeatEndpoints();
        app.MapOutreachTelemetry();
        app.MapPartnerApiDocument();
        return app;
    }
}
