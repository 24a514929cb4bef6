using Microsoft.Extensions.Options;
using Outreach.Worker.Digests;
using Outreach.Worker.Digests.Links;
using QRCoder;

namespace Outreach.Worker.Seats.CheckIn;

/// <summary>
/// The check-in link of a seat, signed like a digest's links: staff scan its QR code from the reader's confirmation mail
/// with a phone's camera and land on the check-in page (behind the staff login) for that registration.
/// </summary>
public sealed class CheckInLinks(DigestTokens tokens, IOptions<DigestOptions> options)
{
    public const string Path = "/seats/checkin";

    public string For(long registrationId) => $"{options.Value.PublicBaseUrl!.TrimEnd('/')}{Path}/{tokens.ForCheckIn(registrationId)}";

    /// <summary>The link as a QR code (PNG), large enough for a phone's camera from a printout or another screen.</summary>
    public byte[] QrCode(long registrationId)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(For(registrationId), QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
