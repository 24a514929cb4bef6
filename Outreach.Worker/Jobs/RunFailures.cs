using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Communities;
using Outreach.Integrations.Mail;
using Outreach.Worker.Messages;

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
        RunRefusedException refused => new RunFailure(RunStatus.Refused, Said(refused), Permanent: true, refused.Counts),
        PermanentJobFailureException permanent => Failed(subject, Said(permanent), permanent: true),
        CommunitySystemException { StatusCode: 401 or 403 } => Failed(subject, Said(failure), permanent: true),
        BookstoreException { Failure: BookstoreFailure.Configuration or BookstoreFailure.CircuitOpen } => Failed(subject, Said(failure), permanent: true),
        RunIncompleteException incomplete => Failed(subject, incomplete.Said, permanent: false),
        _ when expectedOutcome || IsTheHubs(failure) => Failed(subject, Said(failure), permanent: false),
        // PostgreSQL's row details are off in production connection strings (Include Error Detail is not set).
        PostgresException database => Failed(subject, StaffMessage.Of("Failure.Database", $"Database error {database.SqlState}: {database.MessageText}"), permanent: false),
        _ => Failed(subject, StaffMessage.Of("Failure.Unexpected", $"{failure.GetType().Name}: {SmtpReply.Scrub(failure.Message)}"), permanent: false),
    };

    /// <summary>What staff read about a run that was cancelled (a worker stopping, a job deleted).</summary>
    public static StaffMessage Cancelled(RunSubject subject) => StaffMessage.Of("Run.Cancelled", $"Cancelled; {subject.IfCancelled}.");

    private static bool IsTheHubs(Exception failure) => failure.GetType().Namespace?.StartsWith("Outreach.", StringComparison.Ordinal) == true;

    // The hub's message with its code when it brought one; else its text, which the catalog shows as it is ("Failure.Text").
    private static StaffMessage Said(Exception failure) => failure switch
    {
        PermanentJobFailureException { Said: { } said } => said,
        _ => StaffMessage.Of("Failure.Text", $"{failure.Message}"),
    };

    private static RunFailure Failed(RunSubject subject, StaffMessage message, bool permanent) =>
        new(RunStatus.Failed, subject.FailureContext is { } context ? StaffMessage.Of("Failure.InContext", $"{context}: {message}") : message, permanent);
}
