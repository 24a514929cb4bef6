using Npgsql;
using Outreach.Integrations.PersonalData;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Worker.Privacy;

/// <summary>A reader found for a resident's request, as staff may see them: masked.</summary>
public sealed record ResidentMatch(long ReaderId, string Community, string NameMasked, string? IdMasked, string? CardNumber, string Status, bool Erased);

/// <summary>
/// Finds the reader a resident's request is about: by card number (exact), or by ID number, matched by its keyed hash
/// as the roster sync does (the hub never keeps the number itself).
/// </summary>
public sealed class ResidentLookup(NpgsqlDataSource dataSource, PersonalDataHasher hasher)
{
    /// <summary>The reader of this card or ID number; none when neither matches (or the text is neither).</summary>
    public async Task<IReadOnlyList<ResidentMatch>> FindAsync(string cardOrIdNumber, CancellationToken cancellationToken)
    {
        var term = cardOrIdNumber.Trim().ToUpperInvariant();
        byte[]? idHash = IdNumber.TryNormalize(term, out var normalized) ? hasher.Hash(normalized) : null;
        if (idHash is null && !CardNumber.IsValid(term))
        {
            return [];
        }

        await using var command = dataSource.CreateCommand("""
            SELECT r.id, r.community, r.name_masked, r.id_masked, c.card_number, r.status, r.erased_at IS NOT NULL
            FROM outreach.readers r LEFT JOIN outreach.cards c ON c.reader_id = r.id
            WHERE c.card_number = $1 OR ($2::bytea IS NOT NULL AND r.id_hash = $2)
            ORDER BY r.id
            """);
        command.Parameters.AddWithValue(term);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bytea, (object?)idHash ?? DBNull.Value);
        var matches = new List<ResidentMatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(new ResidentMatch(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetBoolean(6)));
        }

        return matches;
    }
}
