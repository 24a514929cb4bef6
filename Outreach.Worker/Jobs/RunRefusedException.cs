using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// The run refused its input as a whole (e.g. a roster that would withdraw too many cards): it ends Refused with
/// <see cref="Counts"/>, nothing is retried, and staff decide.
/// </summary>
public class RunRefusedException : PermanentJobFailureException
{
    public RunRefusedException()
    {
    }

    public RunRefusedException(string message)
        : base(message)
    {
    }

    public RunRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public RunRefusedException(string message, IReadOnlyDictionary<string, long> counts)
        : base(message) => Counts = counts;

    public RunRefusedException(StaffMessage said, IReadOnlyDictionary<string, long> counts)
        : base(said) => Counts = counts;

    /// <summary>What the refused run would have done, for the runs page and for staff approval.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; } = new Dictionary<string, long>();
}
