using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Bookstore;

internal static partial class Log
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Debug, Message = "Bookstore changes after {AfterSeq}: {Count} change(s), last_seq {LastSeq}")]
    public static partial void ChangesRead(ILogger logger, long afterSeq, int count, long lastSeq);
}
