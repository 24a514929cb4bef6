namespace Outreach.Worker.Jobs;

/// <summary>Every job the hub knows, by name: what schedules, the CLI and "Run now" refer to.</summary>
public sealed class JobCatalog
{
    private readonly Dictionary<string, JobDefinition> _jobs;

    public JobCatalog(IEnumerable<JobDefinition> jobs) =>
        _jobs = jobs.ToDictionary(j => j.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<JobDefinition> All => _jobs.Values;

    public bool Contains(string name) => _jobs.ContainsKey(name);

    public JobDefinition Get(string name) =>
        _jobs.TryGetValue(name, out var job)
            ? job
            : throw new JobArgumentException($"There is no job '{name}'. Known jobs: {string.Join(", ", _jobs.Keys.Order())}.");
}
