namespace Outreach.Worker.Staff;

/// <summary>What a staff member may do: admins manage staff, operators change jobs, viewers only look.</summary>
public enum StaffRole
{
    Viewer,
    Operator,
    Admin,
}

public static class StaffRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static string Name(this StaffRole role) => role switch
    {
        StaffRole.Admin => Admin,
        StaffRole.Operator => Operator,
        _ => Viewer,
    };

    public static StaffRole Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        Admin => StaffRole.Admin,
        Operator => StaffRole.Operator,
        Viewer => StaffRole.Viewer,
        _ => throw new ArgumentException($"'{value}' is not a staff role (admin, operator, viewer).", nameof(value)),
    };

    /// <summary>May retry, requeue, delete and run jobs now.</summary>
    public static bool CanOperate(this StaffRole role) => role >= StaffRole.Operator;
}
