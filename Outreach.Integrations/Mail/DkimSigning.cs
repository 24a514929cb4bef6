using MimeKit;
using MimeKit.Cryptography;

namespace Outreach.Integrations.Mail;

/// <summary>Signs messages with the configured DKIM key (relaxed/relaxed, rsa-sha256); does nothing without a key.</summary>
internal sealed class DkimSigning
{
    private static readonly string[] SignedHeaders =
    [
        "From", "Reply-To", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id",
    ];

    private readonly DkimSigner? _signer;

    public DkimSigning(DkimOptions options)
    {
        if (!options.IsConfigured)
            return;

        _signer = new DkimSigner(options.PrivateKeyPath!, options.Domain!, options.Selector!, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    public bool IsEnabled => _signer is not null;

    /// <summary>Fixes the message's transfer encodings (so no relay re-encodes it under the signature) and signs it.</summary>
    public void Sign(MimeMessage message)
    {
        if (_signer is null)
            return;

        message.Prepare(EncodingConstraint.SevenBit);
        var present = SignedHeaders.Where(name => message.Headers.Contains(name)).ToList();
        _signer.Sign(message, present);
    }
}
