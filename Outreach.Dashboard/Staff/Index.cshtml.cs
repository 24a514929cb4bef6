using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Integrations.Logging;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>Admins manage staff accounts: create or reset one, change its role, disable it and enable it again. Each change ends the account's sessions.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed partial class StaffModel(StaffStore directory, LibraryTime time, ILogger<StaffModel> logger) : PageModel
{
    public const string SavedNotice = "Saved the account. Its sessions have ended.";
    public const string RoleChangedNotice = "Changed the role. The account's sessions have ended; it logs in again with the new role.";
    public const string DisabledNotice = "Disabled the account. It cannot log in, and its sessions have ended.";
    public const string EnabledNotice = "Enabled the account again. It logs in with the password it had.";
    public const string UnchangedNotice = "Nothing changed: the account already was so.";
    public const string NotFoundNotice = "There is no such account.";
    public const string LastAdminNotice = "Refused: the hub would be left without an active admin. Make another account admin first.";

    public static IReadOnlyList<string> Roles { get; } = [StaffRoles.Viewer, StaffRoles.Operator, StaffRoles.Admin];

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    public LibraryTime Time => time;

    [TempData]
    public string? Notice { get; set; }

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
            string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(), HttpContext.AuditActor(), cancellationToken);
        var adminId = User.StaffId();
        Log.Saved(logger, member.Id, role, adminId);
        Notice = SavedNotice;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, string? role, CancellationToken cancellationToken)
    {
        if (!TryParseRole(role ?? "", out var parsed))
        {
            return BadRequest("Choose a role: viewer, operator or admin.");
        }

        return Done(await directory.ChangeRoleAsync(id, parsed, HttpContext.AuditActor(), cancellationToken), RoleChangedNotice);
    }

    public async Task<IActionResult> OnPostDisableAsync(long id, CancellationToken cancellationToken) =>
        Done(await directory.DisableAsync(id, HttpContext.AuditActor(), cancellationToken), DisabledNotice);

    public async Task<IActionResult> OnPostEnableAsync(long id, CancellationToken cancellationToken) =>
        Done(await directory.EnableAsync(id, HttpContext.AuditActor(), cancellationToken), EnabledNotice);

    private RedirectToPageResult Done(StaffChange change, string doneNotice)
    {
        Notice = change switch
        {
            StaffChange.Done => doneNotice,
            StaffChange.Unchanged => UnchangedNotice,
            StaffChange.LastAdmin => LastAdminNotice,
            _ => NotFoundNotice,
        };
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
        [MinLength(StaffStore.MinimumPasswordLength, ErrorMessage = "A staff password is at least 12 characters.")]
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
