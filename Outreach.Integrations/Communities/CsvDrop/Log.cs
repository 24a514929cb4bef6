using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Communities.CsvDrop;

internal static partial class Log
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Community {CommunityCode}: no unprocessed roster file in its drop folder")]
    public static partial void NoRosterFile(this ILogger logger, string communityCode);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Community {CommunityCode}: reading roster file {FileName}; {SupersededCount} older unprocessed file(s) superseded")]
    public static partial void RosterFileChosen(this ILogger logger, string communityCode, string fileName, int supersededCount);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Community {CommunityCode}: roster file {FileName} is {Encoding}")]
    public static partial void RosterEncodingDetected(this ILogger logger, string communityCode, string fileName, string encoding);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Community {CommunityCode}: read {RowCount} rows from roster file {FileName}")]
    public static partial void RosterFileRead(this ILogger logger, string communityCode, string fileName, long rowCount);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Community {CommunityCode}: roster file {FileName} moved to {Destination}")]
    public static partial void RosterFileArchived(this ILogger logger, string communityCode, string fileName, string destination);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Community {CommunityCode}: wrote {UpdateCount} card status update(s) to {FileName}")]
    public static partial void CardOutboxWritten(this ILogger logger, string communityCode, string fileName, int updateCount);
}
