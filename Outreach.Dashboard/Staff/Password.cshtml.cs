using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Audit;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>Every staff member changes their own password here; every session of the account ends, and they log in again.</summary>
public sealed class PasswordModel(StaffStore directory, IStringLocalizer<StaffText> text) : PageModel
{
    /// <summary>The key (in <see cref="StaffText"/>) of the refusal of a wrong current password.</summary>
    public const string WrongPassword = "WrongPassword";

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || User.StaffId() is not { } id)
        {
            return Page();
        }

        switch (await directory.ChangePasswordAsync(id, Input.CurrentPassword, Input.NewPassword, HttpContext.AuditActor(), cancellationToken))
        {
            case StaffChange.Done:
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Redirect("~" + AnonymousRoutes.Login);
            case StaffChange.WrongPassword:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(PasswordInput.CurrentPassword)}", text[WrongPassword]);
                return Page();
            default:
                return Forbid();
        }
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "GiveCurrentPassword")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "ChooseNewPassword")]
        [MinLength(StaffStore.MinimumPasswordLength, ErrorMessage = "PasswordTooShort")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "PasswordsDiffer")]
        [DataType(DataType.Password)]
        public string Repeat { get; set; } = "";
    }
}
