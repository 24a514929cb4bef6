using Microsoft.Extensions.Localization;
using Outreach.Dashboard.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Mail;
using Outreach.Integrations.PersonalData;
using Outreach.Integrations.Time;
using Outreach.Worker.Communities;
using Outreach.Worker.Digests.Staff;
using Outreach.Worker.Jobs;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Digests;

/// <summary>A community's next digest as it would go out now, and "send a test to me" (to the staff member's own address).</summary>
public sealed class DigestPreviewModel(DigestPreview preview, IOptionsMonitor<CommunityCatalogOptions> communities, StaffStore staff,
    IStringLocalizer<DigestsText> text, LibraryTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    public IReadOnlyList<string> Communities => communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal).ToList();

    public DigestPreviewResult? Result { get; private set; }

    public string? Notice { get; private set; }

    public LibraryTime Time => time;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Community ??= Communities.Count > 0 ? Communities[0] : null;
        if (Community is null)
            return Page();
        if (!Communities.Contains(Community, StringComparer.OrdinalIgnoreCase))
            return NotFound();

        Result = await preview.RenderAsync(Community, IsoWeek.TryParse(Week, out var week) ? week : null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        // Sending mail is an action: operators only, like every other state-changing button.
        if (!User.CanOperate())
            return Forbid();
        var email = await StaffEmailAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(email))
        {
            Error = text["NoEmail"];
        }
        else
        {
            try
            {
                var result = await preview.SendTestAsync(Community ?? "", email, cancellationToken);
                if (result is null)
                    Error = text["NothingToSend"];
                else if (result.IsAccepted)
                    Notice = text["TestSent", Masking.Email(email)];
                else
                    Error = text["RelayRefused", result.Status, result.Reply ?? ""];
            }
            catch (Exception failure) when (failure is MailNotConfiguredException or PermanentJobFailureException)
            {
                Error = failure.Message;
            }
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    private async Task<string?> StaffEmailAsync(CancellationToken cancellationToken)
    {
        if (User.StaffId() is not { } id)
            return null;
        return (await staff.FindActiveAsync(id, cancellationToken))?.Email;
    }
}
