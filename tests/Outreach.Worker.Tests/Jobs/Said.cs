using NSubstitute;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Tests.Jobs;

/// <summary>Matches a stored message by its English (a message's arguments are a list, compared by reference in a record).</summary>
internal static class Said
{
    public static StaffMessage? English(string text) => Arg.Is<StaffMessage?>(message => message != null && message.English == text);
}
