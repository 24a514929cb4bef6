using Outreach.Worker.Jobs;

namespace Outreach.Worker.Digests.Events;

/// <summary>A feed the hub cannot read stays so until its publisher fixes it: retrying would not help.</summary>
public sealed class CalendarFeedUnreadableException(string feed, Exception reason)
    : PermanentJobFailureException($"Calendar feed {feed} could not be read: {reason.Message}", reason);
