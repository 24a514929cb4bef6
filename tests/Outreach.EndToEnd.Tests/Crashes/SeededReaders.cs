using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Crashes;

/// <summary>
/// Readers written straight into the registry, as a roster sync leaves them, for tests whose subject comes after the sync:
/// reader n of a community is active, opted in to mail at r{n}@mail.example.cn, and holds a library card.
/// </summary>
public static class SeededReaders
{
    /// <summary>Readers 1..<paramref name="count"/> of <paramref name="community"/>, each with an active card.</summary>
    public static Task AddAsync(HubWorld world, string community, int count) => world.Db.ExecuteAsync("""
        WITH reader AS (
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT $1, $1 || '-' || lpad(i::text, 7, '0'), '测试居民' || i, '测*', 'r' || i || '@mail.example.cn', 'active', true, true, '\x01'::bytea,
                now(), now()
            FROM generate_series(1, $2) AS i
            RETURNING id)
        INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
        SELECT id, outreach.next_card_number(), 'active', current_date, now() FROM reader
        """, community, count);
}
