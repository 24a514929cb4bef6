using Microsoft.Extensions.Options;
using Outreach.Integrations.Communities;

namespace Outreach.Worker.Communities;

/// <summary>Stops the host at start when a community's name or policy is configured wrongly, naming the key to fix.</summary>
internal sealed class CommunityCatalogOptionsValidator : IValidateOptions<CommunityCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CommunityCatalogOptions options)
    {
        var failures = new List<string>();
        // A code that is no community code is named by the connection settings' validator, once.
        foreach (var (code, community) in options.Communities.Where(c => CommunitiesOptions.IsCommunityCode(c.Key)))
        {
            string Key(string setting) => CommunitiesOptions.KeyOf(code, setting);

            if (string.IsNullOrWhiteSpace(community.Name))
                failures.Add($"{Key(nameof(community.Name))} is required");
            if (community.PopulationServed <= 0)
                failures.Add($"{Key(nameof(community.PopulationServed))} must be a positive number of residents");
            if (!QuartzCron.LooksValid(community.Schedule))
                failures.Add($"{Key(nameof(community.Schedule))} '{community.Schedule}' is not a Quartz cron expression (sec min hour day month weekday [year])");
            if (community.MaxWithdrawalShare is <= 0 or > 1)
                failures.Add($"{Key(nameof(community.MaxWithdrawalShare))} must be above 0 and at most 1 (0.10 means 10%)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
