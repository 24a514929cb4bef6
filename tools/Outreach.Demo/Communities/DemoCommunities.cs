using System.Globalization;
using Outreach.Demo.Layout;
using Outreach.Demo.Secrets;
using Outreach.Integrations.Communities;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Communities;

namespace Outreach.Demo.Communities;

/// <summary>
/// The town's four demo communities: GL01 and GL02 are rest systems played by the sandbox, GL03 and GL04 drop CSV
/// exports into folders under .local/demo/drops. Knows their files and the configuration the hub and sandbox need.
/// </summary>
internal sealed class DemoCommunities(DemoPaths paths, DemoSecrets secrets, TimeProvider clock)
{
    private const string GeneratedRoster = "generated";

    public IReadOnlyList<DemoCommunity> All { get; } =
    [
        new("GL01", "古林社区", 320, CommunityKind.Rest, "residents_GL01_snapshot.json", 300, 0),
        new("GL02", "薛家社区", 850, CommunityKind.Rest, GeneratedRoster, 800, 0),
        new("GL03", "西洋港社区", 1250, CommunityKind.Csv, "residents_GL03_20261120.gb18030.csv", 1200, 32),
        new("GL04", "布政社区", 950, CommunityKind.Csv, "residents_GL04_20261120.utf8bom.csv", 900, 24),
    ];

    /// <summary>
    /// First run only: generates the rosters that are not shipped and puts each csv community's export into its drop
    /// folder, dated today, as the community would. Later runs find the folders and leave what the hub did to them.
    /// </summary>
    public void PrepareFiles()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        foreach (var community in All)
        {
            if (community.Kind == CommunityKind.Rest && community.Roster == GeneratedRoster && !File.Exists(RosterPath(community)))
            {
                RosterGenerator.Write(RosterPath(community), community.Code, community.Residents, today, seed: StableSeed(community.Code));
            }

            var dropFolder = paths.DropFolder(community.Code);
            if (community.Kind == CommunityKind.Csv && !Directory.Exists(dropFolder))
            {
                var partial = dropFolder + ".partial";
                Directory.CreateDirectory(partial);
                File.Copy(RosterPath(community),
                    Path.Combine(partial, string.Create(CultureInfo.InvariantCulture, $"residents_{community.Code}_{today:yyyyMMdd}.csv")),
                    overwrite: true);
                Directory.Move(partial, dropFolder);
            }
        }
    }

    /// <summary>The hub's configuration of the communities (worker and dashboard), as configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string>> HubSettings(Uri sandbox)
    {
        yield return Setting(CommunitiesOptions.FileDropRootPath, paths.DropsRoot);
        yield return Setting(PersonalDataOptions.HashKeyPath, secrets.PersonalDataHashKey);
        foreach (var community in All)
        {
            string Key(string setting) => CommunitiesOptions.KeyOf(community.Code, setting);
            yield return Setting(Key(nameof(CommunityEntry.Name)), community.Name);
            yield return Setting(Key(nameof(CommunityEntry.PopulationServed)), community.PopulationServed.ToString(CultureInfo.InvariantCulture));
            yield return Setting(Key(nameof(CommunityOptions.Kind)), community.Kind.ToString());
            if (community.Kind == CommunityKind.Rest)
            {
                yield return Setting(Key(nameof(CommunityOptions.BaseUrl)), new Uri(sandbox, $"communities/{community.Code}/").ToString());
                yield return Setting(Key(nameof(CommunityOptions.Token)), secrets.CommunityToken(community.Code));
            }
            else
            {
                yield return Setting(Key(nameof(CommunityOptions.DropFolder)), paths.DropFolder(community.Code));
            }
        }
    }

    /// <summary>The sandbox's rest communities, each with its roster and the token the hub will present.</summary>
    public IEnumerable<KeyValuePair<string, string>> SandboxSettings()
    {
        var index = 0;
        foreach (var community in All.Where(c => c.Kind == CommunityKind.Rest))
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"Sandbox:Communities:{index++}:");
            yield return Setting(key + "Code", community.Code);
            yield return Setting(key + "Kind", community.Kind.ToString());
            yield return Setting(key + "Snapshot", RosterPath(community));
            yield return Setting(key + "Token", secrets.CommunityToken(community.Code));
        }
    }

    private string RosterPath(DemoCommunity community) => community.Roster == GeneratedRoster
        ? Path.Combine(paths.SandboxData, $"residents_{community.Code}_snapshot.json")
        : Path.Combine(DemoPaths.DemoData, community.Roster);

    private static KeyValuePair<string, string> Setting(string key, string value) => new(key, value);

    /// <summary>The same seed on every machine (string.GetHashCode is randomised per process).</summary>
    private static int StableSeed(string code) => code.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
