namespace Outreach.Dashboard.Runs;

/// <summary>Words of the runs page, and the names of jobs, run states and counts every page shares; Resources/Runs/RunsText.*.resx.</summary>
public sealed class RunsText;
