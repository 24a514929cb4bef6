using Outreach.Worker.Messages;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Worker.Jobs;
using Outreach.Worker.Storage;
using Outreach.Integrations.FileDrops;

namespace Outreach.Worker.Activity.Csv;

/// <summary>
/// Reads the CSV files dropped in Outreach:Activity:DropFolder, oldest name first, each as one intake run; a file taken
/// in moves to processed/, a file that cannot be read to rejected/ (its run failed, with the reason). Files already
/// taken in are harmless when dropped again: their records are duplicates.
/// </summary>
public sealed partial class ActivityDropImport(ActivityIntake intake, NpgsqlDataSource dataSource, IOptionsMonitor<ActivityOptions> options,
    ILogger<ActivityDropImport> logger)
{
    public const string JobName = "activity-import";

    private static readonly EnumerationOptions TopLevel = new() { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };

    public async Task<IReadOnlyList<IntakeOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        var folder = options.CurrentValue.DropFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new PermanentJobFailureException(StaffMessage.Of("Activity.NoDropFolder", $"{(ActivityOptions.Section + ":DropFolder")} is not set: there is no folder to read activity files from."));
        }

        if (!Directory.Exists(folder))
        {
            throw new PermanentJobFailureException(StaffMessage.Of("Activity.DropFolderMissing",
                $"The activity drop folder '{folder}' does not exist or cannot be read: check {(ActivityOptions.Section + ":DropFolder")} and the share's mount."));
        }

        // Two workers reading the same folder would only find each other's files gone; one reads, the other skips.
        await using var folderLock = await AdvisoryLock.TryAcquireAsync(dataSource, "activity-drop", cancellationToken);
        if (folderLock is null)
        {
            Log.Busy(logger);
            return [];
        }

        var outcomes = new List<IntakeOutcome>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv", TopLevel).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ImportAsync(folder, path, cancellationToken) is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }

    // Each file is one intake run, a file the hub cannot read too: its run fails saying why, and the file goes to rejected/.
    private async Task<IntakeOutcome?> ImportAsync(string folder, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        try
        {
            var outcome = await intake.IngestAsync(new ActivityBatch(SourceOf(name) ?? "?", ActivityBatch.CsvChannel, name), ReadAsync(path, cancellationToken),
                cancellationToken);
            DropFiles.MoveWithoutOverwrite(path, Path.Combine(folder, "processed"), name);
            return outcome;
        }
        catch (ActivityFileException)
        {
            var moved = DropFiles.MoveWithoutOverwrite(path, Path.Combine(folder, "rejected"), name);
            Log.Rejected(logger, name, moved);
            return null;
        }
    }

    private static async IAsyncEnumerable<ActivityRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (SourceOf(name) is null)
        {
            throw new ActivityFileException(
                $"{name}: the file name does not start with the sending system's name (SOURCE_anything.csv, e.g. gate_20261031.csv).");
        }

        var file = await ActivityCsvFile.OpenAsync(path, cancellationToken);
        await foreach (var record in file.ReadAsync(cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>The sending system's name: the file name up to its first underscore.</summary>
    public static string? SourceOf(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var underscore = stem.IndexOf('_', StringComparison.Ordinal);
        var source = underscore > 0 ? stem[..underscore] : null;
        return source is not null && ApiKeyRing.IsName(source) ? source.ToLowerInvariant() : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Activity + 11, Level = LogLevel.Information, Message = "Another worker is reading the activity drop folder; this run skips it")]
        public static partial void Busy(ILogger logger);

        [LoggerMessage(EventId = LogEvents.Activity + 12, Level = LogLevel.Warning, Message = "Activity file {File} cannot be read; moved to {Destination}")]
        public static partial void Rejected(ILogger logger, string file, string destination);
    }
}
