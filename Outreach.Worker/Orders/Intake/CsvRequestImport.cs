using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Intake;

/// <summary>One row of an imported file and what intake made of it.</summary>
public sealed record CsvImportRow(int Line, string? Isbn, string? Title, IntakeResult Result);

/// <summary>An import: each row's outcome, or the reason the file as a whole could not be read.</summary>
public sealed record CsvImportReport(IReadOnlyList<CsvImportRow> Rows, StaffMessage? FileProblem)
{
    public int Count(IntakeVerdict verdict) => Rows.Count(r => r.Result.Verdict == verdict);
}

/// <summary>
/// Staff import requests from a CSV file (UTF-8 or GB18030, English or Chinese headers), one intake per row, each
/// refused row with its reasons. A row without an external_ref gets one from the file's content and its line, so the
/// same file imported twice orders nothing twice.
/// </summary>
public sealed class CsvRequestImport(BookRequestIntake intake)
{
    public const int MaxRows = 2_000;
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Why a file over <see cref="MaxBytes"/> is not read.</summary>
    public static StaffMessage TooLarge { get; } = StaffMessage.Of("Import.TooLarge", $"The file is larger than {MaxBytes / 1024} KB; split it.");

    public static string TooLargeMessage => TooLarge.English;

    /// <summary>What the page says when the form came without a file.</summary>
    public static StaffMessage NoFile { get; } = StaffMessage.Of("Import.NoFile", $"Choose the CSV file to import.");

    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["card_number"] = "card_number", ["阅览证号"] = "card_number", ["读者证号"] = "card_number",
        ["isbn"] = "isbn",
        ["title"] = "title", ["书名"] = "title",
        ["quantity"] = "quantity", ["数量"] = "quantity",
        ["unit_price"] = "unit_price", ["单价"] = "unit_price",
        ["budget_code"] = "budget_code", ["预算代码"] = "budget_code",
        ["deliver_to"] = "deliver_to", ["送达"] = "deliver_to",
        ["community"] = "community", ["社区"] = "community",
        ["external_ref"] = "external_ref", ["编号"] = "external_ref",
    };

    private static readonly string[] Required = ["card_number", "isbn", "title", "quantity", "unit_price", "budget_code"];

    public static string Template => "card_number,isbn,title,quantity,unit_price,budget_code,deliver_to,community,external_ref";

    public async Task<CsvImportReport> ImportAsync(byte[] file, string importedBy, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return new CsvImportReport([], StaffMessage.Of("Import.Empty", $"The file is empty."));
        }

        if (file.Length > MaxBytes)
        {
            return new CsvImportReport([], TooLarge);
        }

        var fileKey = Convert.ToHexStringLower(SHA256.HashData(file))[..16];
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
        };
        using var csv = CsvReader.FromText(Decode(file), options);
        bool hasRow;
        try
        {
            hasRow = csv.Read();
        }
        catch (CsvFormatException exception)
        {
            return new CsvImportReport([], StaffMessage.Of("Import.NotCsv", $"The file cannot be read as CSV: {exception.Message}"));
        }

        var columns = new Dictionary<string, int>();
        for (var i = 0; i < csv.Headers.Count; i++)
        {
            if (Headers.TryGetValue(csv.Headers[i].Trim(), out var name))
            {
                columns.TryAdd(name, i);
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (csv.Headers.Count == 0 || missing.Count > 0)
        {
            return new CsvImportReport([], StaffMessage.Of("Import.HeaderLacks", $"The header lacks {string.Join(", ", missing)}; the columns are: {Template}."));
        }

        var source = RequestSource.CsvFile(importedBy);
        var rows = new List<CsvImportRow>();
        for (; hasRow; hasRow = csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? Field(string name) => columns.TryGetValue(name, out var index) && index < csv.FieldCount ? csv.GetString(index).Trim() : null;
            var line = (int)csv.LineNumber;
            if (Required.All(r => string.IsNullOrEmpty(Field(r))))
            {
                continue;
            }

            if (rows.Count == MaxRows)
            {
                return new CsvImportReport(rows, StaffMessage.Of("Import.TooManyRows", $"The file has more than {MaxRows} rows; the rows from line {line} on were not imported."));
            }

            var problems = new List<StaffMessage>();
            var request = new BookRequest
            {
                CardNumber = Field("card_number"),
                Isbn = Field("isbn"),
                Title = Field("title"),
                Quantity = Number<int>(Field("quantity"), "quantity", int.TryParse, problems),
                UnitPrice = Number<decimal>(Field("unit_price"), "unit_price", decimal.TryParse, problems),
                BudgetCode = Field("budget_code"),
                DeliverTo = Field("deliver_to"),
                DeliverCommunity = Field("community"),
                ExternalRef = Field("external_ref") is { Length: > 0 } external ? external : $"file:{fileKey}:{line}",
            };
            var result = problems.Count > 0
                ? IntakeResult.Refused(problems)
                : await intake.SubmitAsync(request, source, cancellationToken);
            rows.Add(new CsvImportRow(line, request.Isbn, request.Title, result));
        }

        return new CsvImportReport(rows, rows.Count == 0 ? StaffMessage.Of("Import.NoRows", $"The file has a header but no rows.") : null);
    }

    private delegate bool Parser<T>(string? text, NumberStyles styles, IFormatProvider? provider, out T value);

    private static T? Number<T>(string? text, string name, Parser<T> parse, List<StaffMessage> problems)
        where T : struct
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (parse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(StaffMessage.Of("Intake.NotANumber", $"{name} '{text}' is not a number"));
        return null;
    }

    // Excel on Chinese Windows saves GB18030; anything that is not valid UTF-8 is read as that.
    private static string Decode(byte[] file)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(file);
        }
    }
}
