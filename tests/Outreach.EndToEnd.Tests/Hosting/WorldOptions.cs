using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.EndToEnd.Tests.Hosting;

/// <summary>How a <see cref="HubWorld"/> is put together; the defaults give a dashboard, one in-process worker and the sandbox.</summary>
public sealed record WorldOptions
{
    /// <summary>Changes to the shared settings (dashboard and workers alike).</summary>
    public Action<Dictionary<string, string?>>? Configure { get; init; }

    /// <summary>Changes to the shared settings that need the started sandbox (its SMTP port, to send real mail to it).</summary>
    public Action<Dictionary<string, string?>, Outreach.Sandbox.Hosting.SandboxHost>? ConfigureWithSandbox { get; init; }

    /// <summary>A migrated database elsewhere (a dedicated cluster); default: a fresh one on the shared test cluster.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Start a worker host in this process; crash tests run worker processes instead.</summary>
    public bool InProcessWorker { get; init; } = true;

    /// <summary>Services added to every in-process worker host (test jobs, log capture).</summary>
    public Action<IServiceCollection>? WorkerServices { get; init; }

    /// <summary>Services added to the dashboard before it is built (test jobs, log capture).</summary>
    public Action<WebApplicationBuilder>? DashboardServices { get; init; }
}
