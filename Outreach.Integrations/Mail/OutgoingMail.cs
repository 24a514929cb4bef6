using MimeKit;

namespace Outreach.Integrations.Mail;

/// <summary>
/// One message to one recipient. <paramref name="BounceTag"/> (letters and digits) makes the envelope sender the VERP
/// form of Outreach:Mail:BounceAddress (bounces+TAG@domain), so a delivery status notification names its delivery.
/// </summary>
public sealed record OutgoingMail(MimeMessage Message, string Recipient, string? BounceTag = null);
