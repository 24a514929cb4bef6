using Outreach.Worker.Staff;

namespace Outreach.Testing.Staff;

/// <summary>The staff accounts every dashboard fixture and test world creates, one per role.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery staple";
    public const string Admin = "ada";
    public const string Operator = "otto";
    public const string Viewer = "vera";

    public static IReadOnlyList<(string Username, StaffRole Role)> All { get; } =
        [(Admin, StaffRole.Admin), (Operator, StaffRole.Operator), (Viewer, StaffRole.Viewer)];
}
