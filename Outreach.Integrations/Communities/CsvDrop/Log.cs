using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;

namespace Outreach.Integrations.Communities.CsvDrop;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEvents.CommunityCsvDrop + 1, Level = LogLevel.Information, Message = "Community {CommunityCode}: no unprocessed roster file in its drop folder")]
    public static partial void NoRosterFile(this ILogger logger, string communityCode);

    [LoggerMessage(EventId = LogEvents.CommunityCsvDrop + 2, Level = LogLevel.Information, Message = "Community {CommunityCode}: reading roster file {FileName}; {SupersededCount} older unprocessed file(s) superseded")]
    public static partial void RosterFileChosen(this ILogger logger, string communityCode, string fileName, int supersededCount);

    [LoggerMessage(EventId = LogEvents.CommunityCsvDrop + 3, Level = LogLevel.Information, Message = "Community {CommunityCode}: roster file {FileName} is {Encoding}")]
    public static partial void RosterEncodingDetected(this ILogger logger, string communityCode, string fileName, string encoding);

    [LoggerMessage(EventId = LogEvents.CommunityCsvDrop + 4, Level = LogLevel.Information, Message = "Community {CommunityCode}: read {RowCount} rows from roster file {FileName}")]
    public static partial void RosterFileRead(this ILogger logger, string communityCode, string fileName, long rowCount);

    [LoggerMessage(EventId = LogEvents.CommunityCsvDrop + 5, Level = LogLevel.Information, Message = "Community {CommunityCode}: roster file {FileName} moved to {Destination}")]
    public static partial void RosterFileArchived(this ILogger logger, string communityCode, string fileName, string destination);

    [LoggerMessage(EventId = LogEvents.CommunityCsvDrop + 6, Level = LogLevel.Information, Message = "Community {CommunityCode}: wrote {UpdateCount} card status update(s) to {FileName}")]
    public static partial void CardOutboxWritten(this ILogger logger, string communityCode, string fileName, int updateCount);
}
