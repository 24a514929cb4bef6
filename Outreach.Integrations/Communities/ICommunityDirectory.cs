namespace Outreach.Integrations.Communities;

/// <summary>The port to the communities' resident systems: where rosters come from.</summary>
public interface ICommunityDirectory
{
    /// <summary>
    /// Opens the community's roster: a full snapshot, or with <paramref name="sinceCursor"/> only what changed (rest).
    /// Null when there is nothing new (a file drop without an unprocessed file).
    /// </summary>
    /// <exception cref="CommunitySystemException">The community's system refused, failed or sent something unreadable.</exception>
    Task<RosterReading?> OpenRosterAsync(string communityCode, string? sinceCursor, CancellationToken cancellationToken);
}
