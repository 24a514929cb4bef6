using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Staff;

/// <summary>Login lock-out and the first admin account.</summary>
public sealed class StaffOptions
{
    public const string Section = "Outreach:Staff";

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    [Range(1, 100, ErrorMessage = "Outreach:Staff:MaxFailedLogins must be between 1 and 100.")]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Creates this admin at start when no admin exists yet (env Outreach__Staff__BootstrapAdmin__Username / __Password).</summary>
    public BootstrapAdminOptions? BootstrapAdmin { get; set; }
}

public sealed class BootstrapAdminOptions
{
    public string? Username { get; set; }

    [MinLength(12, ErrorMessage = "Outreach:Staff:BootstrapAdmin:Password must be at least 12 characters.")]
    public string? Password { get; set; }
}
