namespace Outreach.Integrations.Bookstore;

/// <summary>How the bookstore answered a pushed order.</summary>
public enum PushOutcome
{
    /// <summary>201: the order is new.</summary>
    Created,

    /// <summary>200: the bookstore already held this key with this body (a retry); the same order.</summary>
    AlreadyHeld,

    /// <summary>422: final, the order is rejected for <see cref="PushResult.Error"/>; never retried.</summary>
    Rejected,

    /// <summary>409 or 400: the bookstore did not take this body under this key; staff must look.</summary>
    NotAccepted,
}

/// <summary>The bookstore's answer to one pushed order. Expected outcomes are values, not exceptions.</summary>
public sealed record PushResult(PushOutcome Outcome, int StatusCode, string? OrderId, string? Error, string Message)
{
    public static PushResult Accepted(int statusCode, string orderId) => new(
        statusCode == 201 ? PushOutcome.Created : PushOutcome.AlreadyHeld, statusCode, orderId, null,
        statusCode == 201 ? $"Accepted by the bookstore as {orderId}" : $"The bookstore already held this order as {orderId}");

    public static PushResult Rejected(string error) => new(PushOutcome.Rejected, 422, null, error, $"Rejected by the bookstore: {Describe(error)}");

    public static PushResult NotAccepted(int statusCode, string message) => new(PushOutcome.NotAccepted, statusCode, null, null, message);

    /// <summary>The spec's 422 codes in words a librarian (and a reader) can follow.</summary>
    public static string Describe(string error) => error switch
    {
        "isbn_not_in_catalog" => "the ISBN is not in the bookstore's catalogue (isbn_not_in_catalog)",
        "invalid_isbn" => "the bookstore finds the ISBN invalid (invalid_isbn)",
        "quantity_out_of_range" => "the quantity is out of the bookstore's range (quantity_out_of_range)",
        _ => error,
    };
}
