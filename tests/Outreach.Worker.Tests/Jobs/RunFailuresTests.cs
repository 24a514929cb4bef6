using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Integrations.Communities;
using Outreach.Worker.Jobs;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Tests.Jobs;

public sealed class RunFailuresTests
{
    private static readonly RunSubject Push = new("orders-push", "bookstore");

    [Theory]
    [InlineData(BookstoreFailure.Configuration, true)]
    [InlineData(BookstoreFailure.CircuitOpen, true)]
    [InlineData(BookstoreFailure.Transient, false)]
    [InlineData(BookstoreFailure.Unreadable, false)]
    public void The_bookstore_s_configuration_and_open_circuit_are_permanent_and_its_other_failures_retried(BookstoreFailure kind, bool permanent)
    {
        var verdict = RunFailures.Classify(new BookstoreException(kind, "The bookstore answered 503"), Push);

        Assert.Equal((RunStatus.Failed, "The bookstore answered 503", permanent), (verdict.Status, verdict.Message, verdict.Permanent));
    }

    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(503, false)]
    [InlineData(null, false)]
    public void Only_a_community_system_that_refuses_the_token_is_permanent(int? status, bool permanent) =>
        Assert.Equal(permanent, RunFailures.Classify(new CommunitySystemException("GL01", "Community GL01 answered", status), Push).Permanent);

    [Fact]
    public void A_database_error_names_its_state_and_text_only()
    {
        var verdict = RunFailures.Classify(new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"), Push);

        Assert.Equal(("Database error 40P01: deadlock detected", false), (verdict.Message, verdict.Permanent));
    }

    [Fact]
    public void A_foreign_exception_is_named_by_its_type_with_addresses_masked()
    {
        var verdict = RunFailures.Classify(new IOException("550 5.1.1 <zhang.wei@example.cn> unknown"), Push);

        Assert.Equal("IOException: 550 5.1.1 <z***@example.cn> unknown", verdict.Message);
    }

    [Fact]
    public void The_hub_s_own_exceptions_speak_for_themselves_behind_the_run_s_context()
    {
        var verdict = RunFailures.Classify(new Outreach.Worker.Activity.Csv.ActivityFileException("gate.csv: the header lacks id"),
            new RunSubject("activity", "gate") { FailureContext = StaffMessage.Of("Activity.NothingTakenIn", $"gate.csv: nothing was taken in") });

        Assert.Equal(("gate.csv: nothing was taken in: gate.csv: the header lacks id", false), (verdict.Message, verdict.Permanent));
    }

    [Fact]
    public void A_permanent_failure_of_the_domain_goes_straight_to_failed()
    {
        var verdict = RunFailures.Classify(new PermanentJobFailureException("Mail is not configured"), Push);

        Assert.Equal((RunStatus.Failed, "Mail is not configured", true), (verdict.Status, verdict.Message, verdict.Permanent));
    }

    [Fact]
    public void A_cancellation_says_what_becomes_of_the_work_and_is_retried()
    {
        var verdict = RunFailures.Classify(new TaskCanceledException(), Push with { IfCancelled = StaffMessage.Of("Cancelled.OrdersStayPending", $"orders not yet answered stay pending") });

        Assert.Equal(("Cancelled; orders not yet answered stay pending.", false), (verdict.Message, verdict.Permanent));
    }
}
