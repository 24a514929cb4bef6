using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Mail;

namespace Outreach.Worker.Jobs;

/// <summary>
/// The one place that decides how a run that threw ends: its status, the message staff read on the runs page (never
/// personal data), and whether retrying can help. Permanent: a <see cref="PermanentJobFailureException"/> (refusals and
/// the domain's own permanent failures derive from it), a community system that refuses the hub's token (401/403), the
/// bookstore's configuration or open circuit. Everything else is retried by Hangfire. The hub's own exceptions (and an
/// outcome the job marked with <see cref="RunScope.Incomplete{TException}"/>) carry messages written for staff and are
/// shown as they are; others are named by their type, with e-mail addresses masked.
/// </summary>
public static class RunFailures
{
    public static RunFailure Classify(Exception failure, RunSubject subject, bool expectedOutcome = false) => failure switch
    {
        OperationCanceledException => new RunFailure(RunStatus.Failed, Cancelled(subject), Permanent: false),
        RunRefusedException refused => new RunFailure(RunStatus.Refused, refused.Message, Permanent: true, refused.Counts),
        PermanentJobFailureException => Failed(subject, failure.Message, permanent: true),
        CommunitySystemException { StatusCode: 401 or 403 } => Failed(subject, failure.Message, permanent: true),
        BookstoreException { Failure: BookstoreFailure.Configuration or BookstoreFailure.CircuitOpen } => Failed(subject, failure.Message, permanent: true),
        _ when expectedOutcome || IsTheHubs(failure) => Failed(subject, failure.Message, permanent: false),
        // PostgreSQL's row details are off in production connection strings (Include Error Detail is not set).
        PostgresException database => Failed(subject, $"Database error {database.SqlState}: {database.MessageText}", permanent: false),
        _ => Failed(subject, $"{failure.GetType().Name}: {SmtpReply.Scrub(failure.Message)}", permanent: false),
    };

    /// <summary>What staff read about a run that was cancelled (a worker stopping, a job deleted).</summary>
    public static string Cancelled(RunSubject subject) => $"Cancelled; {subject.IfCancelled}.";

    private static bool IsTheHubs(Exception failure) => failure.GetType().Namespace?.StartsWith("Outreach.", StringComparison.Ordinal) == true;

    private static RunFailure Failed(RunSubject subject, string message, bool permanent) =>
        new(RunStatus.Failed, subject.FailureContext is { } context ? $"{context}: {message}" : message, permanent);
}
