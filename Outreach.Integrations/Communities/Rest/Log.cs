using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;

namespace Outreach.Integrations.Communities.Rest;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEvents.CommunityRest + 1, Level = LogLevel.Debug, Message = "Community {CommunityCode}: residents page {PageNumber} had {RowCount} rows")]
    public static partial void ResidentsPageRead(this ILogger logger, string communityCode, int pageNumber, int rowCount);

    [LoggerMessage(EventId = LogEvents.CommunityRest + 2, Level = LogLevel.Information, Message = "Community {CommunityCode}: read {RowCount} residents from its API (full snapshot: {IsFullSnapshot})")]
    public static partial void RosterReadFromApi(this ILogger logger, string communityCode, long rowCount, bool isFullSnapshot);

    [LoggerMessage(EventId = LogEvents.CommunityRest + 3, Level = LogLevel.Information, Message = "Community {CommunityCode}: card status published, {Succeeded} succeeded, {NotFound} unknown to the community, {Failed} failed")]
    public static partial void CardUpdatesPublished(this ILogger logger, string communityCode, int succeeded, int notFound, int failed);
}
