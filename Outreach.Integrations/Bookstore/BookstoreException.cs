namespace Outreach.Integrations.Bookstore;

/// <summary>Why the bookstore could not be used; decides whether a job retries, stops, or waits for staff.</summary>
public enum BookstoreFailure
{
    /// <summary>Unreachable, too slow, or failing (429, 5xx) after the resilience pipeline's retries: try again later.</summary>
    Transient,

    /// <summary>The bookstore failed so often that the hub pauses calls to it (circuit open): stop the run.</summary>
    CircuitOpen,

    /// <summary>401/403 or no configuration: nothing works until the configuration is fixed.</summary>
    Configuration,

    /// <summary>An answer the hub cannot read.</summary>
    Unreadable,
}

/// <summary>
/// The bookstore could not be used. The message is written for a librarian and never carries secrets or personal data.
/// </summary>
public class BookstoreException : Exception
{
    public BookstoreException()
    {
    }

    public BookstoreException(string message)
        : base(message)
    {
    }

    public BookstoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public BookstoreException(BookstoreFailure failure, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    public BookstoreFailure Failure { get; } = BookstoreFailure.Transient;

    /// <summary>The HTTP status the bookstore answered with, when it answered.</summary>
    public int? StatusCode { get; }
}
