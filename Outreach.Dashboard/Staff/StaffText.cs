namespace Outreach.Dashboard.Staff;

/// <summary>Words of the login, password and staff-account pages; Resources/Staff/StaffText.*.resx.</summary>
public sealed class StaffText;
