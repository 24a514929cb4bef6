using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Outreach.Integrations.PersonalData;

public sealed class PersonalDataOptions
{
    public const string SectionPath = "Outreach:PersonalData";
    public const string HashKeyPath = SectionPath + ":HashKey";

    internal const int MinimumKeyBytes = 32;

    /// <summary>
    /// The secret for keyed hashes of ID numbers: base64 of at least 32 bytes, or a passphrase of at least 32 characters.
    /// Changing it orphans every stored hash.
    /// </summary>
    public string? HashKey { get; set; }

    internal bool TryGetKeyBytes([NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(HashKey))
            return false;

        var decoded = new byte[HashKey.Length];
        if (Convert.TryFromBase64String(HashKey, decoded, out var written) && written >= MinimumKeyBytes)
            key = decoded[..written];
        else if (HashKey.Length >= MinimumKeyBytes)
            key = Encoding.UTF8.GetBytes(HashKey);
        return key is not null;
    }

    public override string ToString() => nameof(PersonalDataOptions);
}
