using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Seats;

/// <summary>The Outreach:Seats section: guests per reader, how long a freed seat is offered, when the reminder goes out.</summary>
public sealed class SeatsOptions
{
    public const string Section = "Outreach:Seats";

    /// <summary>Guests a reader may bring on their registration (each takes a seat).</summary>
    [Range(0, 10, ErrorMessage = "Outreach:Seats:MaxGuests must be between 0 and 10.")]
    public int MaxGuests { get; set; } = 1;

    /// <summary>How long a freed seat stays offered to the first waiting reader before it passes to the next.</summary>
    [Range(1, 168, ErrorMessage = "Outreach:Seats:OfferHours must be between 1 and 168.")]
    public int OfferHours { get; set; } = 24;

    /// <summary>No offer runs later than this many hours before the start; from then on a freed seat goes to whoever asks first.</summary>
    [Range(0, 72, ErrorMessage = "Outreach:Seats:OfferCutoffHours must be between 0 and 72.")]
    public int OfferCutoffHours { get; set; } = 2;

    /// <summary>The reminder goes out this many hours before the start (the day before by default).</summary>
    [Range(1, 168, ErrorMessage = "Outreach:Seats:ReminderHoursBefore must be between 1 and 168.")]
    public int ReminderHoursBefore { get; set; } = 24;

    /// <summary>Registration attempts per client address and minute on an event's public page (card number and phone digits).</summary>
    [Range(1, 1000, ErrorMessage = "Outreach:Seats:PublicAttemptsPerMinute must be between 1 and 1000.")]
    public int PublicAttemptsPerMinute { get; set; } = 10;

    public TimeSpan OfferFor => TimeSpan.FromHours(OfferHours);

    public TimeSpan OfferCutoff => TimeSpan.FromHours(OfferCutoffHours);
}
