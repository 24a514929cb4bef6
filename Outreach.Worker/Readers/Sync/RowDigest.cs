using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Outreach.Integrations.Communities;

namespace Outreach.Worker.Readers.Sync;

/// <summary>
/// A digest of everything the registry keeps from a roster row: equal digests mean "unchanged". It is SHA-256 over the
/// fields' text joined by U+001F (community, resident id, ID number, name, phone, email, address, birth date as yyyy-MM-dd,
/// status, wants a card, email opt-in; a missing field is empty), the registry's stored row_hash: the text is encoded
/// straight into one buffer, field by field, rather than joined into a string first (a million rows a roster).
/// </summary>
internal static class RowDigest
{
    private const int StackLimit = 1024;
    private const byte Separator = 0x1F;

    public static byte[] Of(string community, ValidatedResident r)
    {
        var birth = r.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ReadOnlySpan<string?> fields =
        [
            community, r.ResidentId, r.IdNumber, r.Name, r.Phone, r.Email, r.Address, birth, r.Status.ToString(),
            r.WantsLibraryCard ? bool.TrueString : bool.FalseString, r.EmailOptIn ? bool.TrueString : bool.FalseString,
        ];
        var length = fields.Length;
        foreach (var field in fields)
        {
            length += field is null ? 0 : Encoding.UTF8.GetMaxByteCount(field.Length);
        }

        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = 0;
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    buffer[written++] = Separator;
                }

                written += fields[i] is { } field ? Encoding.UTF8.GetBytes(field, buffer[written..]) : 0;
            }

            return SHA256.HashData(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
