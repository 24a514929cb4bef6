using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Outreach.Dashboard.Hosting;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Logging;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Pages;

[AllowAnonymous]
[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed partial class LoginModel(StaffDirectory directory, LibraryTime time, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>The same words for an unknown user and a wrong password: the page does not tell which usernames exist.</summary>
    public const string WrongCredentials = "Wrong username or password.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Error = WrongCredentials;
            return Page();
        }

        switch (await directory.VerifyAsync(Input.Username, Input.Password, cancellationToken))
        {
            case LoginResult.Success success:
                var member = success.Member;
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, StaffClaims.Principal(member));
                Log.SignedIn(logger, member.Id, member.Role);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case LoginResult.LockedOut locked:
                Log.LockedOut(logger);
                Error = $"This account is locked until {time.Clock(locked.Until)} ({time.ZoneId}) after too many wrong passwords.";
                return Page();
            default:
                Log.Refused(logger);
                Error = WrongCredentials;
                return Page();
        }
    }

    public sealed class LoginInput
    {
        [Required]
        [StringLength(64)]
        public string Username { get; set; } = "";

        [Required]
        [DataType(DataType.Password)]
        [StringLength(1024)]
        public string Password { get; set; } = "";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.StaffLogin + 1, Level = LogLevel.Information, Message = "Staff account {StaffId} signed in as {Role}")]
        public static partial void SignedIn(ILogger logger, long staffId, StaffRole role);

        [LoggerMessage(EventId = LogEvents.StaffLogin + 2, Level = LogLevel.Warning, Message = "Login refused: wrong username or password")]
        public static partial void Refused(ILogger logger);

        [LoggerMessage(EventId = LogEvents.StaffLogin + 5, Level = LogLevel.Warning, Message = "Login refused: the account is locked")]
        public static partial void LockedOut(ILogger logger);
    }
}
