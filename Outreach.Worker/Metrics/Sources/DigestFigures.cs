using Outreach.Worker.Metrics.Computing;

namespace Outreach.Worker.Metrics.Sources;

/// <summary>
/// Digest deliveries attempted in the month (sent, or failed, by when they were sent or tried): recipients, messages the
/// mail server accepted, bounced and delivered; and readers who unsubscribed in the month.
/// </summary>
public sealed class DigestFigures : IFigureSource
{
    public string Name => "digests";

    // A delivery still 'sending' (a crash mid-way) is left out: nobody knows whether it went. Deliveries are found
    // through their digests (by its key), and a digest is sent in the days after it is prepared: only digests prepared
    // from five weeks before the month on are looked at, not every delivery ever made.
    private const string DeliveriesSql = """
        SELECT CASE WHEN GROUPING(a.community) = 1 THEN NULL ELSE a.community END,
               count(DISTINCT a.reader_id),
               count(*) FILTER (WHERE a.status = 'sent'),
               count(*) FILTER (WHERE a.status = 'sent' AND a.bounced_at IS NULL),
               count(*) FILTER (WHERE a.status = 'sent' AND a.bounced_at IS NOT NULL)
        FROM (SELECT d.community, dd.reader_id, dd.status, dd.bounced_at
              FROM outreach.digests d JOIN outreach.digest_deliveries dd ON dd.digest_id = d.id
              WHERE d.created_at >= $1 - interval '35 days' AND d.created_at < $2
                AND dd.status IN ('sent', 'failed')
                AND coalesce(dd.sent_at, dd.claimed_at) >= $1 AND coalesce(dd.sent_at, dd.claimed_at) < $2) AS a
        GROUP BY ROLLUP (a.community)
        """;

    private const string UnsubscribesSql = """
        SELECT CASE WHEN GROUPING(u.community) = 1 THEN NULL ELSE u.community END, count(*)
        FROM (SELECT coalesce(outreach.reader_community_at(reader_id, unsubscribed_at), '') AS community
              FROM outreach.mail_preferences WHERE unsubscribed_at >= $1 AND unsubscribed_at < $2) AS u
        GROUP BY ROLLUP (u.community)
        """;

    public async Task ReadAsync(MonthQuery query, FigureSheet sheet, CancellationToken cancellationToken)
    {
        await using (var deliveries = query.Command(DeliveriesSql))
        {
            await sheet.ReadCountsAsync(deliveries,
                [Indicators.DigestRecipients, Indicators.DigestSent, Indicators.DigestDelivered, Indicators.DigestBounced], cancellationToken);
        }

        await using (var unsubscribes = query.Command(UnsubscribesSql))
        {
            await sheet.ReadCountsAsync(unsubscribes, [Indicators.DigestUnsubscribes], cancellationToken);
        }

        sheet.RecordSource("digests_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.digests", cancellationToken));
        sheet.RecordSource("mail_bounces_through_id", await query.ScalarAsync<long?>("SELECT max(id) FROM outreach.mail_bounces", cancellationToken));
    }
}
