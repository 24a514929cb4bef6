using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Logging;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Pages.Staff;

[Authorize(Policy = StaffPolicies.Admin)]
public sealed partial class StaffModel(StaffDirectory directory, ILogger<StaffModel> logger) : PageModel
{
    public static IReadOnlyList<string> Roles { get; } = [StaffRoles.Viewer, StaffRoles.Operator, StaffRoles.Admin];

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Members = await directory.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        StaffRole role = default;
        if (ModelState.IsValid && !TryParseRole(Input.Role, out role))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(StaffInput.Role)}", "Choose a role: viewer, operator or admin.");
        }

        if (!ModelState.IsValid)
        {
            Members = await directory.ListAsync(cancellationToken);
            return Page();
        }

        var member = await directory.CreateAsync(Input.Username.Trim(), Input.DisplayName?.Trim() ?? "", role, Input.Password,
            string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(), cancellationToken);
        var adminId = User.StaffId();
        Log.Saved(logger, member.Id, role, adminId);
        Saved = member.Username;
        return RedirectToPage();
    }

    private static bool TryParseRole(string value, out StaffRole role)
    {
        try
        {
            role = StaffRoles.Parse(value);
            return true;
        }
        catch (ArgumentException)
        {
            role = default;
            return false;
        }
    }

    public sealed class StaffInput
    {
        [Required(ErrorMessage = "A username is required.")]
        [StringLength(64, ErrorMessage = "A username is at most 64 characters.")]
        public string Username { get; set; } = "";

        [StringLength(200, ErrorMessage = "A display name is at most 200 characters.")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = StaffRoles.Viewer;

        [EmailAddress(ErrorMessage = "The email address is not valid.")]
        [StringLength(254)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "A password is required.")]
        [MinLength(StaffDirectory.MinimumPasswordLength, ErrorMessage = "A staff password is at least 12 characters.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.StaffAccounts + 1, Level = LogLevel.Information, Message = "Staff account {StaffId} saved with role {Role} by admin {AdminId}")]
        public static partial void Saved(ILogger logger, long staffId, StaffRole role, long? adminId);
    }
}
