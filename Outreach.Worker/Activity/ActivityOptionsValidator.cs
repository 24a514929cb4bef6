using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;
using Quartz;

namespace Outreach.Worker.Activity;

/// <summary>Checks Outreach:Activity at start: API keys, the drop folder (inside Outreach:FileDrops:Root when that is set), its schedule.</summary>
internal sealed class ActivityOptionsValidator(IOptions<CommunitiesOptions> communities) : IValidateOptions<ActivityOptions>
{
    public ValidateOptionsResult Validate(string? name, ActivityOptions options)
    {
        var problems = ApiKeyRing.Problems(ActivityOptions.Section, options.ApiKeys).ToList();
        if (options.HasDropFolder)
        {
            var root = communities.Value.FileDropRoot;
            if (!string.IsNullOrWhiteSpace(root) && !IsInside(options.DropFolder!, root))
            {
                problems.Add($"{ActivityOptions.Section}:DropFolder '{options.DropFolder}' lies outside {CommunitiesOptions.FileDropRootPath} '{root}'.");
            }

            if (!CronExpression.TryParse(options.DropSchedule, out _))
            {
                problems.Add($"{ActivityOptions.Section}:DropSchedule '{options.DropSchedule}' is not a Quartz cron expression (seconds first, e.g. 0 */15 * * * ?).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsInside(string folder, string root)
    {
        static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        return Full(folder).StartsWith(Full(root), StringComparison.Ordinal);
    }
}
