using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Outreach.Integrations.PersonalData;

public sealed class PersonalDataOptions
{
    public const string SectionPath = "Outreach:PersonalData";
    public const string HashKeyPath = SectionPath + ":HashKey";
    public const string PreviousHashKeyPath = SectionPath + ":PreviousHashKey";

    internal const int MinimumKeyBytes = 32;

    /// <summary>
    /// The secret for keyed hashes of ID numbers: base64 of at least 32 bytes, or a passphrase of at least 32 characters.
    /// The registry records its fingerprint; a host with another key refuses to sync (see <see cref="PreviousHashKey"/>).
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// While rotating to a new <see cref="HashKey"/>: the key that made the registry's hashes so far. Residents hashed under
    /// it are still matched, and their hashes rewritten under the new key as they arrive in rosters.
    /// </summary>
    public string? PreviousHashKey { get; set; }

    internal bool TryGetKeyBytes([NotNullWhen(true)] out byte[]? key) => TryDecode(HashKey, out key);

    internal bool TryGetPreviousKeyBytes([NotNullWhen(true)] out byte[]? key) => TryDecode(PreviousHashKey, out key);

    private static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var decoded = new byte[text.Length];
        if (Convert.TryFromBase64String(text, decoded, out var written) && written >= MinimumKeyBytes)
            key = decoded[..written];
        else if (text.Length >= MinimumKeyBytes)
            key = Encoding.UTF8.GetBytes(text);
        return key is not null;
    }

    public override string ToString() => nameof(PersonalDataOptions);
}
