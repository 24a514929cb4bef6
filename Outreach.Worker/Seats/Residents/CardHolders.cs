using System.Text.RegularExpressions;
using Npgsql;

namespace Outreach.Worker.Seats.Residents;

/// <summary>What a card-and-phone check came to.</summary>
public enum CardCheck
{
    /// <summary>The card is active and the phone on record ends with the digits given.</summary>
    Matched,

    /// <summary>The card number or the four digits are not in the form asked for.</summary>
    Malformed,

    /// <summary>No active card by that number, or the phone on record does not end so (not told apart, to reveal nothing).</summary>
    NoMatch,
}

/// <summary>
/// Finds the reader behind a card number for residents who come without a digest link, checked by the last four digits of
/// the phone on record: what a resident knows and a passer-by with a card number found on the floor does not.
/// </summary>
public sealed partial class CardHolders(NpgsqlDataSource dataSource)
{
    [GeneratedRegex("^ZB[0-9]{9}[0-9X]$", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumber();

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LastFour();

    /// <summary>The card number as typed, normalised (spaces dropped, upper case).</summary>
    public static string Normalize(string? card) => (card ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    public static bool IsCardNumber(string card) => CardNumber().IsMatch(card);

    public async Task<(CardCheck Check, long ReaderId)> CheckAsync(string? card, string? phoneLastFour, CancellationToken cancellationToken)
    {
        var number = Normalize(card);
        var digits = (phoneLastFour ?? "").Trim();
        if (!IsCardNumber(number) || !LastFour().IsMatch(digits))
        {
            return (CardCheck.Malformed, 0);
        }

        await using var command = dataSource.CreateCommand("""
            SELECT r.id FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
            WHERE c.card_number = $1 AND c.status = 'active' AND r.status = 'active'
              AND right(regexp_replace(coalesce(r.phone, ''), '[^0-9]', '', 'g'), 4) = $2
            """);
        command.Parameters.AddWithValue(number);
        command.Parameters.AddWithValue(digits);
        return await command.ExecuteScalarAsync(cancellationToken) is long readerId ? (CardCheck.Matched, readerId) : (CardCheck.NoMatch, 0);
    }

    /// <summary>The reader of an active card, for staff at the door (no second check: staff see the card).</summary>
    public async Task<long?> ReaderOfCardAsync(string? card, CancellationToken cancellationToken)
    {
        var number = Normalize(card);
        if (!IsCardNumber(number))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT r.id FROM outreach.cards c JOIN outreach.readers r ON r.id = c.reader_id
            WHERE c.card_number = $1 AND c.status = 'active' AND r.status = 'active'
            """);
        command.Parameters.AddWithValue(number);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }
}
