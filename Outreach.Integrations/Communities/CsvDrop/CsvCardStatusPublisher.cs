using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Outreach.Integrations.FileDrops;
using Outreach.Integrations.Time;

namespace Outreach.Integrations.Communities.CsvDrop;

/// <summary>
/// Card status for file-drop communities: one <c>outbox/cards_&lt;CODE&gt;_&lt;yyyyMMdd&gt;.csv</c> per publish,
/// UTF-8 with BOM so that Excel shows the Chinese right. Written under a temporary name and renamed, so the
/// community never picks up half a file; a second file on the same day gets a suffix instead of replacing the first.
/// </summary>
internal sealed class CsvCardStatusPublisher(LibraryCalendar calendar, ILogger<CsvCardStatusPublisher> logger)
{
    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, NewLine = "\r\n" };

    public async Task<IReadOnlyList<CardPublishOutcome>> PublishAsync(CommunityOptions community, IReadOnlyList<CardStatusUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
            return [];

        var folder = DropFolder.Of(community);
        Directory.CreateDirectory(folder.OutboxPath);
        var fileName = $"cards_{community.Code}_{calendar.Today:yyyyMMdd}.csv";
        var temporaryPath = Path.Combine(folder.OutboxPath, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await WriteAsync(temporaryPath, updates, cancellationToken);
            var writtenName = Path.GetFileName(DropFiles.MoveWithoutOverwrite(temporaryPath, folder.OutboxPath, fileName));
            logger.CardOutboxWritten(community.Code, writtenName, updates.Count);
        }
        finally
        {
            // Only the hub's own half-written temporary file; community files are never deleted.
            File.Delete(temporaryPath);
        }

        return updates.Select(update => CardPublishOutcome.Succeeded(update.ResidentId)).ToList();
    }

    private static async Task WriteAsync(string path, IReadOnlyList<CardStatusUpdate> updates, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(["resident_id", "card_number", "status", "issued_on"]);
            foreach (var update in updates)
            {
                string[] record = [update.ResidentId, update.CardNumber, update.Status, update.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                await csv.WriteRecordAsync(record, cancellationToken);
            }
            await csv.FlushAsync(cancellationToken);
        }
        stream.Flush(flushToDisk: true);
    }
}
