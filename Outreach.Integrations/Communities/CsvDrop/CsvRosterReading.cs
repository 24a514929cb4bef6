using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Outreach.Integrations.FileDrops;

namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>One snapshot file, parsed as it streams; acknowledging it moves it, and the older ones it supersedes, to processed/.</summary>
internal sealed class CsvRosterReading(DropFolder folder, RosterFile file, IReadOnlyList<RosterFile> superseded, ILogger logger) : RosterReading
{
    private const int BufferSize = 64 * 1024;

    // A real record is a few hundred bytes; an unclosed quote must not pull the rest of a big file into one record.
    private const int MaxRecordSize = 1024 * 1024;

    public override bool IsFullSnapshot => true;

    public override string Source => file.FileName;

    protected override async IAsyncEnumerable<ResidentRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var encoding = await RosterEncodingDetector.DetectAsync(stream, cancellationToken);
        logger.RosterEncodingDetected(folder.CommunityCode, file.FileName, encoding.WebName);

        CsvMalformedReason? malformed = null;
        var options = new CsvReaderOptions
        {
            Mode = CsvMode.Rfc4180,
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => malformed ??= record.Reason,
            MaxRecordSize = MaxRecordSize,
            IncludeValuesInExceptions = false,
            // UTF-8 is the reader's own (it skips a BOM); anything else it transcodes.
            Encoding = encoding.CodePage == RosterEncodingDetector.Utf8.CodePage ? null : encoding,
        };
        await using var csv = CsvReader.Create(stream, options, leaveOpen: true);

        // The first read takes the header too; a file with a header only has no row to read.
        var hasRow = await ReadAsync(csv, cancellationToken);
        if (csv.Headers.Count == 0)
            throw Unreadable("is empty: not even a header line", inner: null);
        var header = RosterHeaderMap.Create(csv.Headers, folder.CommunityCode, file.FileName);

        long rowCount = 0;
        for (; hasRow; hasRow = await ReadAsync(csv, cancellationToken))
        {
            var fields = new string[csv.FieldCount];
            for (var index = 0; index < fields.Length; index++)
                fields[index] = csv.GetString(index);

            var problem = malformed is CsvMalformedReason reason ? $"row has malformed quoting ({reason})" : null;
            malformed = null;
            rowCount = csv.RowNumber;
            yield return header.ToRow(fields, csv.RowNumber, Encoding.UTF8.GetString(csv.RawRecord), problem);
        }
        logger.RosterFileRead(folder.CommunityCode, file.FileName, rowCount);
    }

    protected override Task OnAcknowledgeAsync(CancellationToken cancellationToken)
    {
        foreach (var done in superseded.Prepend(file))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = DropFiles.MoveWithoutOverwrite(done.FilePath, folder.ProcessedPath, done.FileName);
            logger.RosterFileArchived(folder.CommunityCode, done.FileName, destination);
        }
        return Task.CompletedTask;
    }

    private async ValueTask<bool> ReadAsync(CsvReader csv, CancellationToken cancellationToken)
    {
        try
        {
            return await csv.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException exception)
        {
            throw Unreadable($"cannot be read at record {exception.RecordNumber}: {exception.Message}", exception);
        }
    }

    private CommunitySystemException Unreadable(string what, Exception? inner) =>
        new(folder.CommunityCode, $"Community {folder.CommunityCode}'s roster {file.FileName} {what}", innerException: inner);
}
