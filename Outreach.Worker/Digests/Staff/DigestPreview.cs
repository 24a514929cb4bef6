using Outreach.Integrations.Mail;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Sending;

namespace Outreach.Worker.Digests.Staff;

/// <summary>A community's next digest as it would look now (nothing stored, nothing sent).</summary>
public sealed record DigestPreviewResult(DigestContent Content, RenderedDigest? Bodies);

/// <summary>Previews a community's next digest and sends it as a test to a staff member's own address.</summary>
public sealed class DigestPreview(DigestPlanner planner, DigestTemplate template, DigestComposer composer, IMailSender mail, LibraryCalendar calendar)
{
    public const string TestSubjectPrefix = "[测试] ";

    public async Task<DigestPreviewResult> RenderAsync(string community, IsoWeek? week, CancellationToken cancellationToken)
    {
        var content = await planner.PreviewAsync(planner.RequireCommunity(community), week ?? calendar.ThisWeek, cancellationToken);
        return new DigestPreviewResult(content, content.Events.Count == 0 ? null : template.Render(content, content.Events));
    }

    /// <summary>Sends the preview to <paramref name="address"/>, marked as a test; its links lead to a page that says so.</summary>
    public async Task<SendResult?> SendTestAsync(string community, string address, CancellationToken cancellationToken)
    {
        var preview = await RenderAsync(community, null, cancellationToken);
        if (preview.Bodies is null)
            return null;

        var message = composer.Prepare(preview.Content).Compose(0, address, null, TestSubjectPrefix)!;
        await using var session = mail.OpenSession(1);
        return await session.SendAsync(message, cancellationToken);
    }
}
