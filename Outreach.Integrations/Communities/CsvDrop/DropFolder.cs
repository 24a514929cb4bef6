namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>
/// A community's drop folder: snapshots arrive at the top, processed ones move to <c>processed/</c>,
/// card status files go out through <c>outbox/</c>. Nothing here is ever deleted.
/// </summary>
internal sealed class DropFolder(string communityCode, string folderPath)
{
    private static readonly EnumerationOptions TopLevelAnyCase = new() { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };

    public string CommunityCode { get; } = communityCode;

    public static DropFolder Of(CommunityOptions community) =>
        new(community.Code, community.DropFolder ?? throw new InvalidOperationException($"Community {community.Code} has no drop folder."));

    public string FolderPath { get; } = folderPath;

    public string ProcessedPath => Path.Combine(FolderPath, "processed");

    public string OutboxPath => Path.Combine(FolderPath, "outbox");

    /// <summary>Unprocessed snapshots of this community, newest first by the date in their names.</summary>
    public IReadOnlyList<RosterFile> FindSnapshots()
    {
        if (!Directory.Exists(FolderPath))
            throw new CommunitySystemException(CommunityCode,
                $"Community {CommunityCode}'s drop folder '{FolderPath}' does not exist or cannot be read: check {CommunitiesOptions.KeyOf(CommunityCode, nameof(CommunityOptions.DropFolder))} and the share's mount.");

        return Directory.EnumerateFiles(FolderPath, "residents_*.csv", TopLevelAnyCase)
            .Select(file => RosterFile.TryParse(file, CommunityCode))
            .OfType<RosterFile>()
            .OrderByDescending(file => file.Date)
            .ToList();
    }
}
