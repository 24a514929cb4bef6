using Outreach.Worker.Messages;

namespace Outreach.Worker.Jobs;

/// <summary>
/// A failure that retrying cannot fix (a refused snapshot, a rejected token, bad configuration): the job goes
/// straight to Failed in the dashboard with this message, for staff to act on, instead of burning retries.
/// </summary>
public class PermanentJobFailureException : Exception
{
    public PermanentJobFailureException()
    {
    }

    public PermanentJobFailureException(string message)
        : base(message)
    {
    }

    public PermanentJobFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public PermanentJobFailureException(StaffMessage said, Exception? innerException = null)
        : base(said.English, innerException) => Said = said;

    /// <summary>The message as staff read it on the runs page (null: only the English text, shown as it is).</summary>
    public StaffMessage? Said { get; }
}
