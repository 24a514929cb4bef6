using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Outreach.Integrations.PersonalData;

/// <summary>
/// Keyed hashes (HMAC-SHA256) that let the hub match a resident's ID number without storing it.
/// Callers hash the normal form (<see cref="IdNumber.TryNormalize"/>) so that equal numbers give equal hashes.
/// </summary>
public sealed class PersonalDataHasher
{
    private readonly byte[] _key;

    public PersonalDataHasher(IOptions<PersonalDataOptions> options)
    {
        if (!options.Value.TryGetKeyBytes(out var key))
            throw new InvalidOperationException($"{PersonalDataOptions.HashKeyPath} is not a usable key.");
        _key = key;
    }

    /// <returns>32 bytes.</returns>
    public byte[] Hash(string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value));
}
