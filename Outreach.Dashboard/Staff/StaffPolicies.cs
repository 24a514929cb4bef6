namespace Outreach.Dashboard.Staff;

/// <summary>Authorization policy names: every staff member, operators (and admins), admins.</summary>
public static class StaffPolicies
{
    public const string Staff = "staff";
    public const string Operator = "operator";
    public const string Admin = "admin";
}
