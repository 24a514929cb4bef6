using System.Security.Cryptography;
using System.Text;

namespace Outreach.Worker.Activity;

/// <summary>
/// API keys by the name of the system that holds them (configuration: <c>SECTION:ApiKeys:NAME = KEY</c>): checked at
/// start, matched in constant time. The name is what the hub records as the caller (e.g. the activity's source).
/// </summary>
public static class ApiKeyRing
{
    public const int MinimumKeyLength = 24;
    public const int MaximumNameLength = 40;

    /// <summary>The name whose key was presented, or null.</summary>
    public static string? Match(IReadOnlyDictionary<string, string> keys, string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        // Digests of equal length, and every key compared: the time taken tells neither a key's length nor which came close.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? found = null;
        foreach (var (name, key) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                found ??= name;
            }
        }

        return found;
    }

    /// <summary>What is wrong with the configured keys, each message naming its key.</summary>
    public static IEnumerable<string> Problems(string section, IReadOnlyDictionary<string, string> keys)
    {
        foreach (var (name, key) in keys)
        {
            if (!IsName(name))
            {
                yield return $"{section}:ApiKeys:{name} has a bad name: use letters, digits, '-' and '_' (up to {MaximumNameLength}); it names the calling system.";
            }

            if (string.IsNullOrWhiteSpace(key) || key.Length < MinimumKeyLength)
            {
                yield return $"{section}:ApiKeys:{name} must be a random key of at least {MinimumKeyLength} characters.";
            }
        }

        foreach (var shared in keys.GroupBy(k => k.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{section}:ApiKeys: {string.Join(" and ", shared.Select(k => k.Key))} have the same key; give each system its own.";
        }
    }

    public static bool IsName(string name) =>
        name.Length is > 0 and <= MaximumNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
