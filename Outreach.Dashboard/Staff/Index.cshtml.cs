using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Audit;
using Outreach.Dashboard.Hosting;
using Outreach.Integrations.Logging;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>Admins manage staff accounts: create or reset one, change its role, disable it and enable it again. Each change ends the account's sessions.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed partial class StaffModel(StaffStore directory, LibraryTime time, IStringLocalizer<StaffText> text, ILogger<StaffModel> logger) : PageModel
{
    // Notices are keys in StaffText: kept across the redirect, shown in the reader's language.
    public const string SavedNotice = "SavedNotice";
    public const string RoleChangedNotice = "RoleChangedNotice";
    public const string DisabledNotice = "DisabledNotice";
    public const string EnabledNotice = "EnabledNotice";
    public const string UnchangedNotice = "UnchangedNotice";
    public const string NotFoundNotice = "NotFoundNotice";
    public const string LastAdminNotice = "LastAdminNotice";

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
            ModelState.AddModelError($"{nameof(Input)}.{nameof(StaffInput.Role)}", text["ChooseRole"]);
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
            return BadRequest(text["ChooseRole"].Value);
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
        [Required(ErrorMessage = "UsernameRequired")]
        [StringLength(64, ErrorMessage = "UsernameTooLong")]
        public string Username { get; set; } = "";

        [StringLength(200, ErrorMessage = "DisplayNameTooLong")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "RoleRequired")]
        public string Role { get; set; } = StaffRoles.Viewer;

        [EmailAddress(ErrorMessage = "EmailInvalid")]
        [StringLength(254)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "PasswordRequired")]
        [MinLength(StaffStore.MinimumPasswordLength, ErrorMessage = "PasswordTooShort")]
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
