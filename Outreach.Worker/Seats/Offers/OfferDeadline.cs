namespace Outreach.Worker.Seats.Offers;

/// <summary>How long a freed seat may wait for the reader it is offered to.</summary>
public static class OfferDeadline
{
    /// <summary>
    /// <see cref="SeatsOptions.OfferHours"/> from now, but never past <see cref="SeatsOptions.OfferCutoffHours"/> before the
    /// start; null when that moment has passed and no more offers are made (a freed seat goes to whoever asks first).
    /// </summary>
    public static DateTimeOffset? For(DateTimeOffset now, DateTimeOffset startsAt, SeatsOptions options)
    {
        var cutoff = startsAt - options.OfferCutoff;
        if (now >= cutoff)
        {
            return null;
        }

        var until = now + options.OfferFor;
        return until < cutoff ? until : cutoff;
    }
}
