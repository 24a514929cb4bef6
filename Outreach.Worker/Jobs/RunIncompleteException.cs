using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// A run that did part of its work and leaves the rest to Hangfire's retry (relay deferrals, orders to push again); thrown
/// through <see cref="RunScope.Incomplete{TException}"/>, it ends the run as failed with <see cref="Said"/>.
/// </summary>
public class RunIncompleteException(StaffMessage said) : Exception(said.English)
{
    public StaffMessage Said { get; } = said;
}
