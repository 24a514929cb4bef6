using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace Outreach.Worker.Activity.Csv;

/// <summary>
/// One dropped CSV file of activity records: UTF-8 (with or without BOM) or GB18030, English or Chinese headers
/// (id/编号, card/阅览证号, kind/类型, at/时间, event/活动编号), streamed record by record.
/// </summary>
public sealed class ActivityCsvFile
{
    private const int BufferSize = 64 * 1024;

    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "id", ["record_id"] = "id", ["编号"] = "id", ["流水号"] = "id",
        ["card"] = "card", ["card_number"] = "card", ["阅览证号"] = "card", ["读者证号"] = "card", ["证号"] = "card",
        ["kind"] = "kind", ["type"] = "kind", ["类型"] = "kind",
        ["at"] = "at", ["time"] = "at", ["occurred_at"] = "at", ["时间"] = "at",
        ["event"] = "event", ["event_id"] = "event", ["活动编号"] = "event",
    };

    private static readonly string[] Required = ["id", "card", "kind", "at"];

    private ActivityCsvFile(string path, Encoding encoding)
    {
        FilePath = path;
        Encoding = encoding;
    }

    public const string Template = "id,card,kind,at,event";

    public string FilePath { get; }

    public string FileName => Path.GetFileName(FilePath);

    public Encoding Encoding { get; }

    /// <summary>Opens a file after checking its encoding (the whole file: GB18030 can pass for UTF-8 for many lines).</summary>
    public static async Task<ActivityCsvFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        await using var stream = Open(path);
        using var reader = new StreamReader(stream, strict, detectEncodingFromByteOrderMarks: true, BufferSize);
        var buffer = new char[BufferSize];
        try
        {
            while (await reader.ReadAsync(buffer.AsMemory(), cancellationToken) > 0)
            {
            }
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return new ActivityCsvFile(path, Encoding.GetEncoding("GB18030"));
        }

        return new ActivityCsvFile(path, strict);
    }

    /// <exception cref="ActivityFileException">The header lacks a column, or the file cannot be parsed as CSV.</exception>
    public async IAsyncEnumerable<ActivityRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = Open(FilePath);
        using var text = new StreamReader(stream, Encoding, detectEncodingFromByteOrderMarks: true, BufferSize);
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            IncludeValuesInExceptions = false,
        };
        await using var csv = CsvReader.Create(text, options, leaveOpen: true);
        var hasRow = await NextAsync(csv, cancellationToken);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.Headers.Count; i++)
        {
            if (Headers.TryGetValue(csv.Headers[i].Trim().TrimStart('\uFEFF'), out var name))
            {
                columns.TryAdd(name, i);
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new ActivityFileException($"{FileName}: the header lacks {string.Join(", ", missing)}; the columns are {Template}.");
        }

        for (; hasRow; hasRow = await NextAsync(csv, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? Field(string name) => columns.TryGetValue(name, out var index) && index < csv.FieldCount ? csv.GetString(index).Trim() : null;
            if (Required.All(r => string.IsNullOrEmpty(Field(r))))
            {
                continue;
            }

            var eventText = Field("event");
            long? eventId = long.TryParse(eventText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            yield return new ActivityRecord(Field("id"), Field("card"), Field("kind"), Field("at"), eventId);
        }
    }

    private async ValueTask<bool> NextAsync(CsvReader csv, CancellationToken cancellationToken)
    {
        try
        {
            return await csv.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException exception)
        {
            throw new ActivityFileException($"{FileName} cannot be read as CSV at record {exception.RecordNumber}: {exception.Message}", exception);
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
