using System.Security.Cryptography;
using Outreach.Demo.Layout;

namespace Outreach.Demo.Secrets;

/// <summary>
/// The demo's machine secrets, random on the first run and kept in <c>.local/demo/secrets</c>: the personal-data hash
/// key (changing it would orphan every stored hash) and the rest communities' API tokens.
/// </summary>
internal sealed class DemoSecrets
{
    private readonly KeyValueFile _file;

    private DemoSecrets(KeyValueFile file) => _file = file;

    public static DemoSecrets Load(DemoPaths paths) => new(KeyValueFile.Open(paths.SecretsFile,
        "Secrets of the local demo, generated on its first run. Delete .local/demo to start over."));

    /// <summary>Base64 of 32 random bytes, for Outreach:PersonalData:HashKey.</summary>
    public string PersonalDataHashKey => _file.GetOrCreate("PersonalDataHashKey", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The secret the bookstore signs its webhooks with (Outreach:Bookstore:WebhookSecret).</summary>
    public string BookstoreWebhookSecret => _file.GetOrCreate("BookstoreWebhookSecret", () => RandomNumberGenerator.GetHexString(40, lowercase: true));

    /// <summary>The API key of the community portal that sends readers' book requests (Outreach:Orders:Partners:portal:ApiKey).</summary>
    public string PortalApiKey => _file.GetOrCreate("PortalApiKey", () => RandomNumberGenerator.GetHexString(40, lowercase: true));

    /// <summary>The Bearer token a rest community's (simulated) system expects from the hub.</summary>
    public string CommunityToken(string communityCode) =>
        _file.GetOrCreate($"CommunityToken.{communityCode}", () => RandomNumberGenerator.GetHexString(40, lowercase: true));
}
