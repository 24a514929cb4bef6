using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;

namespace Outreach.Integrations.Bookstore;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEvents.Bookstore + 1, Level = LogLevel.Debug, Message = "Bookstore changes after {AfterSeq}: {Count} change(s), last_seq {LastSeq}")]
    public static partial void ChangesRead(ILogger logger, long afterSeq, int count, long lastSeq);
}
