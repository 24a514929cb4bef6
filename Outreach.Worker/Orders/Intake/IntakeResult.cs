using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Intake;

/// <summary>What intake did with a request.</summary>
public enum IntakeVerdict
{
    /// <summary>Stored as pending: the next push sends it to the bookstore.</summary>
    Accepted,

    /// <summary>Stored but held for staff: the library already holds the title or has it on order.</summary>
    Held,

    /// <summary>Not stored; <see cref="IntakeResult.Reasons"/> says why.</summary>
    Refused,

    /// <summary>The sender's id was seen before: the answer is the order made then, not a new one.</summary>
    AlreadyReceived,
}

/// <summary>
/// The answer to one request: the order made (its reference and status), or every reason it was refused, each a message of
/// the catalog (staff pages render it in the reader's language).
/// </summary>
public sealed record IntakeResult(IntakeVerdict Verdict, string? OrderRef, string? Status, IReadOnlyList<StaffMessage> Said)
{
    public static IntakeResult Refused(IReadOnlyList<StaffMessage> reasons) => new(IntakeVerdict.Refused, null, null, reasons);

    /// <summary>The reasons in English: the partner API's answer and the logs.</summary>
    public IReadOnlyList<string> Reasons => Said.Select(reason => reason.English).ToList();

    public bool IsStored => Verdict != IntakeVerdict.Refused;
}
