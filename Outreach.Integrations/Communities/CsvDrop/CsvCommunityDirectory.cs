using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>Rosters of file-drop communities: the newest unprocessed snapshot wins.</summary>
internal sealed class CsvCommunityDirectory(ILogger<CsvCommunityDirectory> logger)
{
    public RosterReading? OpenRoster(CommunityOptions community)
    {
        var folder = DropFolder.Of(community);
        var snapshots = folder.FindSnapshots();
        if (snapshots.Count == 0)
        {
            logger.NoRosterFile(community.Code);
            return null;
        }

        logger.RosterFileChosen(community.Code, snapshots[0].FileName, snapshots.Count - 1);
        return new CsvRosterReading(folder, snapshots[0], snapshots.Skip(1).ToList(), logger);
    }
}
