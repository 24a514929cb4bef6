using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Outreach.Dashboard.Audit;
using Outreach.Integrations.Logging;
using Outreach.Worker.Audit;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

[AllowAnonymous]
[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed partial class LoginModel(StaffStore directory, AuditTrail audit, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>
    /// The key (in <see cref="StaffText"/>) of the same words for an unknown user, a wrong password, a locked and a
    /// disabled account: the page does not tell which usernames exist. The lock-out is said as a possibility every refusal shares.
    /// </summary>
    public const string LoginRefused = "LoginRefused";

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
            Error = LoginRefused;
            return Page();
        }

        var address = HttpAuditActor.ClientAddress(HttpContext);
        switch (await directory.VerifyAsync(Input.Username, Input.Password, cancellationToken))
        {
            case LoginResult.Success success:
                var member = success.Member;
                await audit.AppendAsync(new AuditActor(member.Id, member.Username, address), new AuditEntry(AuditActions.LoggedIn, AuditEntry.Staff(member.Id)),
                    cancellationToken);
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, StaffClaims.Principal(member));
                Log.SignedIn(logger, member.Id, member.Role);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case LoginResult.LockedOut locked:
                Log.LockedOut(logger);
                await RecordRefusalAsync(new AuditActor(locked.StaffId, locked.Username, address), "locked", cancellationToken);
                break;
            case LoginResult.Refused refused:
                Log.Refused(logger);
                await RecordRefusalAsync(refused.StaffId is { } id ? new AuditActor(id, refused.Username!, address) : AuditActor.Unknown(address),
                    refused.StaffId is null ? "unknown_username" : "wrong_password", cancellationToken);
                break;
        }

        Error = LoginRefused;
        return Page();
    }

    private Task<long> RecordRefusalAsync(AuditActor actor, string reason, CancellationToken cancellationToken) =>
        audit.AppendAsync(actor, new AuditEntry(AuditActions.LoginFailed, actor.StaffId is { } id ? AuditEntry.Staff(id) : null,
            new Dictionary<string, string> { ["reason"] = reason }), cancellationToken);

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
