using Outreach.Worker.Messages;
using Microsoft.Extensions.Logging;
using Outreach.Integrations.Logging;
using Outreach.Integrations.Time;
using Outreach.Worker.Jobs;
using Outreach.Worker.Metrics.Computing;
using Outreach.Worker.Metrics.Mail;
using Outreach.Worker.Metrics.Reading;

namespace Outreach.Worker.Metrics;

/// <summary>
/// The metrics job's work: computes a month, or each month of a range, as one run each, and mails the report of the
/// last one. Any month that has ended can be computed again (late data): its figures are replaced as a whole. Without a
/// month (the monthly schedule) it computes the month before, in library time, and any month missed since the last one
/// computed: the schedule skips a 1st that falls on a holiday of its calendar, and the town should still get that month.
/// </summary>
public sealed partial class MonthlyMetrics(IMonthComputation computation, IComputedMonths store, IReportMailer mailer, JobRuns runs,
    LibraryCalendar library, ILogger<MonthlyMetrics> logger)
{
    public const string JobName = "metrics";

    /// <summary>A range longer than this is refused: a slip of the year (2016 for 2026) would otherwise run for hours.</summary>
    public const int MaxMonthsPerRun = 36;

    /// <summary>The month before the current one, in the library's time zone.</summary>
    public ReportMonth DefaultMonth() => ReportMonth.Of(library.Today).Previous;

    /// <summary>
    /// Computes <paramref name="month"/> (yyyy-MM; default the month before), and every month from <paramref name="from"/>
    /// when given; with <paramref name="rebuild"/>, each month's activity totals are rebuilt from the ledger first (after
    /// a correction of the ledger by hand).
    /// </summary>
    public async Task<IReadOnlyList<ComputedMonth>> RunAsync(string? month, string? from, bool mail, bool rebuild, CancellationToken cancellationToken)
    {
        var last = month is null ? DefaultMonth() : Parse(month, "month");
        var first = from is not null ? Parse(from, "from") : month is null ? await FirstMissedAsync(last, cancellationToken) : last;
        if (first > last)
        {
            throw new PermanentJobFailureException($"--from {first} comes after --month {last}.");
        }

        var months = Enumerable.Range(0, (last.Year - first.Year) * 12 + last.Month - first.Month + 1).Select(first.AddMonths).ToList();
        if (months.Count > MaxMonthsPerRun)
        {
            throw new PermanentJobFailureException($"{first} to {last} is {months.Count} months; compute at most {MaxMonthsPerRun} per run.");
        }

        var ended = DefaultMonth();
        if (last > ended)
        {
            throw new PermanentJobFailureException(
                $"{last} has not ended yet ({library.Zone.Id}): figures are computed for whole months, the latest now is {ended}.");
        }

        var computed = new List<ComputedMonth>();
        foreach (var each in months)
        {
            // A range asked for by hand is history: only its last month is mailed. Months the schedule missed are all news.
            computed.Add(await ComputeAsync(each, mail && (each == last || from is null), rebuild, cancellationToken));
        }

        return computed;
    }

    /// <summary>The month after the newest one computed before <paramref name="month"/>, when that was within the last year; else <paramref name="month"/>.</summary>
    private async Task<ReportMonth> FirstMissedAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        var newest = (await store.MonthsAsync(cancellationToken)).Select(m => m.Month).Where(m => m < month).DefaultIfEmpty().Max();
        return newest != default && newest >= month.AddMonths(-12) ? newest.AddMonths(1) : month;
    }

    private async Task<ComputedMonth> ComputeAsync(ReportMonth month, bool mail, bool rebuild, CancellationToken cancellationToken)
    {
        MailOutcome? mailed = null;
        var result = await runs.RunAsync(new RunSubject(JobName, month.ToString()) { IfCancelled = StaffMessage.Of("Cancelled.FiguresUnchanged", $"the stored figures were not changed") }, async run =>
        {
            var computed = await computation.ComputeAsync(month, run, rebuild, cancellationToken);
            var counts = new Dictionary<string, long>(computed.Counts) { ["computation"] = computed.Computations };
            var message = computed.Changed
                ? StaffMessage.Of("Metrics.Computed",
                    $"{month}: {computed.Counts["figures"]} figures from {computed.Counts["activity_records"]} activity records; computation {computed.Computations}")
                : StaffMessage.Of("Metrics.ComputedUnchanged",
                    $"{month}: {computed.Counts["figures"]} figures from {computed.Counts["activity_records"]} activity records; computation {computed.Computations}, figures unchanged");
            if (mail)
            {
                var report = await store.ReportAsync(month, cancellationToken)
                    ?? throw new InvalidOperationException($"The figures of {month} were stored but cannot be read back.");
                mailed = await mailer.SendAsync(report, run.Id, cancellationToken);
                counts["mailed"] = mailed.Sent;
                counts["mail_refused"] = mailed.Rejected;
                counts["mail_deferred"] = mailed.Deferred;
                if (mailed.Problems.Count > 0)
                {
                    message = StaffMessage.Of("Metrics.ReportMailProblems", $"{message}; report mail: {string.Join("; ", mailed.Problems)}");
                }
            }

            await run.SucceedAsync(counts, message, cancellationToken);
            Log.Computed(logger, month, run.Id, computed.Computations, computed.Changed);
            return computed;
        }, cancellationToken);

        if (mailed is { Deferred: > 0 })
        {
            // The figures stand; Hangfire's retry computes again (the same figures) and mails only those not reached.
            throw new ReportNotMailedException(month, mailed.Problems);
        }

        return result;
    }

    private static ReportMonth Parse(string text, string argument) =>
        ReportMonth.TryParse(text, out var month)
            ? month
            : throw new PermanentJobFailureException($"--{argument} '{text}' is not a month: write it yyyy-MM, e.g. 2026-10.");

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Metrics + 1, Level = LogLevel.Information, Message = "Metrics {Month} computed by run {RunId} (computation {Computations}, changed {Changed})")]
        public static partial void Computed(ILogger logger, ReportMonth month, long runId, int computations, bool changed);
    }
}
