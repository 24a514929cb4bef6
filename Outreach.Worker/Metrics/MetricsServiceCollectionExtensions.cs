using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Activity;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Metrics.Mail;
using Outreach.Worker.Metrics.Reading;
using Outreach.Worker.Metrics.Sources;

namespace Outreach.Worker.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Monthly service-effectiveness figures: activity intake, the computation and its sources, the stored figures, the report mail, the job.</summary>
    public static IServiceCollection AddOutreachMetrics(this IServiceCollection services)
    {
        services.AddOutreachActivity();
        services.AddOutreachOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) => o.PublicBaseUrl ??= configuration["Outreach:Dashboard:PublicBaseUrl"]);

        // In this order: each source's figures are read in turn, then the ratios are derived from them.
        services.AddSingleton<IFigureSource, PopulationFigures>();
        services.AddSingleton<IFigureSource, ActivityFigures>();
        services.AddSingleton<IFigureSource, CardFigures>();
        services.AddSingleton<IFigureSource, EventFigures>();
        services.AddSingleton<IFigureSource, SeatFigures>();
        services.AddSingleton<IFigureSource, DigestFigures>();
        services.AddSingleton<IFigureSource, OrderFigures>();
        services.AddSingleton<IFigureSource, DataQualityFigures>();
        services.AddSingleton<MetricsComputation>();
        services.AddSingleton<IMonthComputation>(sp => sp.GetRequiredService<MetricsComputation>());
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<IComputedMonths>(sp => sp.GetRequiredService<MetricsStore>());
        // The report's words (Resources/Metrics/Report) for the mail; the dashboard reads them in the staff member's language.
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<ReportMailer>();
        services.AddSingleton<IReportMailer>(sp => sp.GetRequiredService<ReportMailer>());
        services.AddTransient<MonthlyMetrics>();
        services.AddTransient<MetricsJob>();

        services.AddJob(JobDefinition.For<MetricsJob>(MonthlyMetrics.JobName, HubQueues.Metrics,
            "Compute a month's service-effectiveness figures (replacing that month's) and mail the report",
            [
                new JobParameter("month", "Month, yyyy-MM (default: the month before, in library time)"),
                new JobParameter("from", "Also compute every month from this one (yyyy-MM) up to --month"),
                new JobParameter("no-mail", "Do not mail the report", IsFlag: true),
                new JobParameter("rebuild", "First rebuild the months' activity totals from the ledger (after a correction by hand)", IsFlag: true),
            ],
            (args, ct) => job => job.RunAsync(args.Optional("month"), args.Optional("from"), !args.Flag("no-mail"), args.Flag("rebuild"), ct)));
        return services;
    }
}
