using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Outreach.Integrations;
using Outreach.Worker.Audit;
using Outreach.Worker.Communities;
using Outreach.Worker.Desk;
using Outreach.Worker.Digests;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics;
using Outreach.Worker.Orders;
using Outreach.Worker.Privacy;
using Outreach.Worker.Readers;
using Outreach.Worker.Scheduling;
using Outreach.Worker.Seats;
using Outreach.Worker.Staff;
using Outreach.Worker.Storage;
using Outreach.Worker.Telemetry;

namespace Outreach.Worker.Hosting;

/// <summary>What runs where: the worker runs Hangfire servers and the Quartz scheduler; the dashboard only the clients.</summary>
public enum HostRole
{
    /// <summary>Hangfire servers and the clustered Quartz scheduler.</summary>
    Worker,

    /// <summary>Clients only: enqueue, read, show.</summary>
    Client,
}

public static class WorkerHostExtensions
{
    /// <summary>Everything of the hub's back office: storage, jobs, Hangfire, Quartz, staff accounts.</summary>
    public static IHostApplicationBuilder AddOutreachWorker(this IHostApplicationBuilder builder, HostRole role)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOutreachStorage();
        services.AddOutreachIntegrations();
        services.AddOutreachCommunities();
        services.AddOutreachJobs();
        services.AddOutreachHangfire(configuration, allowServer: role == HostRole.Worker);
        services.AddOutreachScheduling(configuration, runScheduler: role == HostRole.Worker);
        services.AddOutreachAudit();
        services.AddOutreachStaff();
        services.AddOutreachReaders();
        services.AddOutreachOrders();
        services.AddOutreachDigests();
        services.AddOutreachMetrics();
        services.AddOutreachPrivacy();
        services.AddOutreachDesk();
        services.AddOutreachSeats();
        services.AddOutreachTelemetry(role == HostRole.Worker ? "outreach-worker" : "outreach-dashboard", scrapeListener: role == HostRole.Worker);
        return builder;
    }
}
