namespace Outreach.Worker.Activity;

/// <summary>The kinds of activity the library's systems report (ISO 2789: visits, loans, sessions, attendances at events).</summary>
public static class ActivityKinds
{
    public const string Visit = "visit";
    public const string Loan = "loan";
    public const string Eresource = "eresource";
    public const string Attendance = "attendance";

    public static IReadOnlyList<string> All { get; } = [Visit, Loan, Eresource, Attendance];

    // What the systems' exports call them (the gate counter, the ILS, the e-resource proxy, the sign-in sheet).
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [Visit] = Visit, ["gate"] = Visit, ["到馆"] = Visit, ["入馆"] = Visit,
        [Loan] = Loan, ["借阅"] = Loan, ["借书"] = Loan,
        [Eresource] = Eresource, ["e-resource"] = Eresource, ["session"] = Eresource, ["电子资源"] = Eresource,
        [Attendance] = Attendance, ["event"] = Attendance, ["签到"] = Attendance, ["活动签到"] = Attendance, ["活动"] = Attendance,
    };

    /// <summary>The kind a name stands for, or null when it is none of them.</summary>
    public static string? Parse(string? name) => name is null ? null : Names.GetValueOrDefault(name.Trim());
}
