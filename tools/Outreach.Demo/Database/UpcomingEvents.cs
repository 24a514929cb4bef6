using Npgsql;

namespace Outreach.Demo.Database;

/// <summary>
/// The programme of the weeks ahead, so the digest preview and the next weekly digest have events to show: a micro-lecture
/// and a reading club for every community each week, and a class for one community after another. Every start adds the
/// days not yet planned (each event has a fixed id by its day), so a demo started again next month still has a programme.
/// </summary>
public static class UpcomingEvents
{
    public const string Source = "demo-upcoming";

    /// <summary>Plans the <paramref name="days"/> days after <paramref name="now"/>'s library day; how many events it added.</summary>
    public static async Task<long> SeedAsync(NpgsqlDataSource dataSource, TimeZoneInfo zone, DateTimeOffset now, IReadOnlyList<string> communities,
        int days = 21, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var offset = zone.GetUtcOffset(now);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue(today.AddDays(1));
        command.Parameters.AddWithValue(days);
        command.Parameters.AddWithValue(offset);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        command.Parameters.AddWithValue(communities.ToArray());
        command.Parameters.AddWithValue(Source);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Tuesday evenings a micro-lecture and Saturday mornings a reading club for everyone; on other weekdays a class for one
    // community, the communities in turn. ($1 first day, $2 days, $3 the library's offset from UTC, $4 now, $5 the communities,
    // $6 the source.)
    private const string Sql = """
        WITH days AS (SELECT $1::date + n AS day, n FROM generate_series(0, $2 - 1) AS n),
        planned AS (
            SELECT d.day, d.n, extract(isodow FROM d.day)::int AS dow FROM days d WHERE extract(isodow FROM d.day) <> 7),
        made AS (
            INSERT INTO outreach.events (source, external_id, kind, title, summary, venue, starts_at, ends_at, communities, created_at, updated_at)
            SELECT $6, $6 || ':' || p.day,
                   CASE p.dow WHEN 2 THEN 'lecture' WHEN 6 THEN 'reading_club' ELSE 'lifelong_learning' END,
                   CASE p.dow WHEN 2 THEN '微讲堂：宁波老字号的故事' WHEN 6 THEN '读书协会：共读《额尔古纳河右岸》' ELSE '终身教育课堂：手机里的图书馆' END,
                   '', CASE WHEN p.dow IN (2, 6) THEN '图书馆报告厅' ELSE '社区活动室' END,
                   (p.day + CASE p.dow WHEN 6 THEN time '09:30' ELSE time '18:30' END) - $3::interval,
                   (p.day + CASE p.dow WHEN 6 THEN time '11:00' ELSE time '20:00' END) - $3::interval,
                   CASE WHEN p.dow IN (2, 6) OR cardinality($5::text[]) = 0 THEN '{}'::text[] ELSE ARRAY[($5::text[])[1 + p.n % cardinality($5::text[])]] END,
                   $4, $4
            FROM planned p
            ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING
            RETURNING 1)
        SELECT count(*) FROM made
        """;
}
