using Hangfire.Common;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Localization;
using Outreach.Worker.Communities;
using Outreach.Worker.Jobs;

namespace Outreach.Dashboard.Runs;

/// <summary>
/// Jobs as staff read them, the same on the runs, schedules and Hangfire pages: "读者同步 GL01 古林社区" for the
/// sync of GL01, in the reader's language; a job without words shows its code.
/// </summary>
public sealed class JobNames(IStringLocalizer<RunsText> text, IOptionsMonitor<CommunityCatalogOptions> communities, JobCatalog jobs)
{
    /// <summary>"读者同步" for "sync".</summary>
    public string Name(string job) => text.Label("Job.", job);

    /// <summary>What the job does, or what its schedule's configuration says when the resource has no words for it.</summary>
    public string Purpose(string job, string? configured) => text.Knows("Purpose.", job) ? text["Purpose." + job] : configured ?? "";

    /// <summary>Whether the resource says what the job does (else the page shows the schedule's configured text, as data).</summary>
    public bool HasPurpose(string job) => text.Knows("Purpose.", job);

    /// <summary>The job's name followed by its arguments, a community code with the community's name.</summary>
    public string Display(string job, IEnumerable<string?> arguments)
    {
        var parts = new List<string> { Name(job) };
        foreach (var argument in arguments.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            parts.Add(communities.CurrentValue.Communities.TryGetValue(argument!, out var community)
                ? $"{community.Code} {community.Name}"
                : argument == "all" ? text["AllCommunitiesArgument"] : argument!);
        }

        return string.Join(' ', parts);
    }

    /// <summary>Hangfire's name for a job on its pages (its DisplayNameFunc): the hub's name when the class is one of its jobs.</summary>
    public string ForHangfire(Job job) =>
        jobs.All.FirstOrDefault(definition => definition.JobType == job.Type) is { } definition
            ? Display(definition.Name, job.Args.OfType<string>())
            : $"{job.Type.Name}.{job.Method.Name}";
}
