using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Audit;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>Every staff member changes their own password here; every session of the account ends, and they log in again.</summary>
public sealed class PasswordModel(StaffStore directory) : PageModel
{
    public const string WrongPassword = "The current password is wrong; nothing changed.";

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
                ModelState.AddModelError($"{nameof(Input)}.{nameof(PasswordInput.CurrentPassword)}", WrongPassword);
                return Page();
            default:
                return Forbid();
        }
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Give your current password.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [MinLength(StaffStore.MinimumPasswordLength, ErrorMessage = "A staff password is at least 12 characters.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
        [DataType(DataType.Password)]
        public string Repeat { get; set; } = "";
    }
}
