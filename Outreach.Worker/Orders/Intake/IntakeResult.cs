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

/// <summary>The answer to one request: the order made (its reference and status), or every reason it was refused.</summary>
public sealed record IntakeResult(IntakeVerdict Verdict, string? OrderRef, string? Status, IReadOnlyList<string> Reasons)
{
    public static IntakeResult Refused(IReadOnlyList<string> reasons) => new(IntakeVerdict.Refused, null, null, reasons);

    public bool IsStored => Verdict != IntakeVerdict.Refused;
}
