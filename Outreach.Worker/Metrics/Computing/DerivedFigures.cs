namespace Outreach.Worker.Metrics.Computing;

/// <summary>
/// The ratios, computed from the counts of the same community (the total's from the totals): empty where the
/// denominator is zero or unknown, never a division by zero shown as 0.
/// </summary>
public static class DerivedFigures
{
    private static readonly (string Result, string Numerator, string Denominator, decimal Scale)[] Ratios =
    [
        (Indicators.CardHolderShare, Indicators.CardHolders, Indicators.PopulationServed, 1m),
        (Indicators.PopulationReached, Indicators.ActiveReaders, Indicators.PopulationServed, 1m),
        (Indicators.VisitsPerCapita, Indicators.Visits, Indicators.PopulationServed, 1m),
        (Indicators.LoansPerCapita, Indicators.Loans, Indicators.PopulationServed, 1m),
        (Indicators.AttendancePerThousand, Indicators.Attendance, Indicators.PopulationServed, 1000m),
        (Indicators.DigestBounceRate, Indicators.DigestBounced, Indicators.DigestSent, 1m),
        (Indicators.DigestUnsubscribeRate, Indicators.DigestUnsubscribes, Indicators.DigestRecipients, 1m),
    ];

    public static void Apply(FigureSheet sheet)
    {
        foreach (var community in sheet.Communities.Append(FigureSheet.AllCommunities))
        {
            foreach (var (result, numerator, denominator, scale) in Ratios)
            {
                sheet.Set(community, result, Ratio(sheet.Get(community, numerator), sheet.Get(community, denominator), scale));
            }

            var delivered = sheet.Get(community, Indicators.OrdersDelivered);
            var closed = delivered + sheet.Get(community, Indicators.OrdersClosedUndelivered);
            sheet.Set(community, Indicators.OrdersFulfilmentRate, Ratio(delivered, closed, 1m));
        }
    }

    /// <summary>
    /// <paramref name="numerator"/> × <paramref name="scale"/> / <paramref name="denominator"/>, empty where the denominator is
    /// zero or unknown; stored with ten decimals: enough for any display, and the same figures always give the same fingerprint.
    /// </summary>
    public static decimal? Ratio(decimal? numerator, decimal? denominator, decimal scale) =>
        numerator is { } n && denominator is > 0 and { } d ? Math.Round(n * scale / d, 10, MidpointRounding.ToEven) : null;
}
