using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Outreach.Worker.Tests.Digests;

public sealed class DkimTests
{
    [Fact]
    public async Task With_a_key_configured_every_copy_carries_a_DKIM_signature_that_verifies_as_received()
    {
        using var rsa = RSA.Create(2048);
        var keyFile = Path.Combine(Path.GetTempPath(), $"outreach-dkim-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportRSAPrivateKeyPem());
        try
        {
            await using var world = await DigestWorld.StartAsync("digest_dkim", s =>
            {
                s["Outreach:Mail:Dkim:Domain"] = "lib.example.cn";
                s["Outreach:Mail:Dkim:Selector"] = "outreach2026";
                s["Outreach:Mail:Dkim:PrivateKeyPath"] = keyFile;
            });
            await world.AddReadersAsync("GL03", 1, 3);
            await world.AddEventAsync("微讲堂", 1);

            await world.RunDigestAsync("GL03");

            var verifier = new DkimVerifier(new OneKeyLocator(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())));
            foreach (var caught in world.Sandbox.Mail.Messages)
            {
                var message = caught.Parse();
                var signature = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
                Assert.Contains("d=lib.example.cn", signature.Value, StringComparison.Ordinal);
                Assert.Contains("s=outreach2026", signature.Value, StringComparison.Ordinal);
                Assert.Contains("List-Unsubscribe-Post", signature.Value, StringComparison.OrdinalIgnoreCase);
                Assert.True(await verifier.VerifyAsync(message, signature), "the DKIM signature does not verify");
            }
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    /// <summary>Answers every DNS lookup of the selector with the test's public key, as its TXT record would.</summary>
    private sealed class OneKeyLocator(string publicKey) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey($"v=DKIM1; k=rsa; p={publicKey}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
