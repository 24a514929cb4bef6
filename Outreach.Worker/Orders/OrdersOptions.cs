using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Orders;

/// <summary>The Outreach:Orders section: intake limits, budget lines, push and stuck settings, reader notices (sent through Outreach:Mail).</summary>
public sealed class OrdersOptions : IValidatableObject
{
    public const string Section = "Outreach:Orders";

    /// <summary>Copies one request may ask for.</summary>
    [Range(1, 100, ErrorMessage = "Outreach:Orders:MaxQuantity must be between 1 and 100.")]
    public int MaxQuantity { get; set; } = 3;

    /// <summary>Books one reader may have requested per calendar month (library time), refused and cancelled ones not counted.</summary>
    [Range(1, 1000, ErrorMessage = "Outreach:Orders:ReaderMonthlyBooks must be between 1 and 1000.")]
    public int ReaderMonthlyBooks { get; set; } = 5;

    /// <summary>The highest unit price (yuan) a request may name; a guard against typos such as 4500 for 45.00.</summary>
    [Range(typeof(decimal), "0.01", "100000", ErrorMessage = "Outreach:Orders:MaxUnitPrice must be between 0.01 and 100000.")]
    public decimal MaxUnitPrice { get; set; } = 500m;

    /// <summary>The budget lines requests are paid from, keyed by code (Outreach:Orders:BudgetLines:SOC-2026:MonthlyCap).</summary>
    public Dictionary<string, BudgetLineOptions> BudgetLines { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An open order with no status change for this many days is listed as stuck.</summary>
    [Range(1, 365, ErrorMessage = "Outreach:Orders:StuckAfterDays must be between 1 and 365.")]
    public int StuckAfterDays { get; set; } = 14;

    /// <summary>Orders pushed at the same time; the bookstore is a small system.</summary>
    [Range(1, 64, ErrorMessage = "Outreach:Orders:PushConcurrency must be between 1 and 64.")]
    public int PushConcurrency { get; set; } = 8;

    /// <summary>Pending orders read per batch of a push run.</summary>
    [Range(1, 10_000, ErrorMessage = "Outreach:Orders:PushBatchSize must be between 1 and 10000.")]
    public int PushBatchSize { get; set; } = 500;

    /// <summary>Push runs an order may fail transiently before it is marked failed for staff to push again.</summary>
    [Range(1, 100, ErrorMessage = "Outreach:Orders:MaxPushAttempts must be between 1 and 100.")]
    public int MaxPushAttempts { get; set; } = 10;

    /// <summary>Where readers collect books delivered to the library desk, as the notice names it.</summary>
    public string LibraryDeskName { get; set; } = "图书馆总服务台 (library main desk)";

    /// <summary>Runs of the notice job a reader notice may be deferred by the mail server before it is given up and shown to staff.</summary>
    [Range(1, 100, ErrorMessage = "Outreach:Orders:NoticeMaxAttempts must be between 1 and 100.")]
    public int NoticeMaxAttempts { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, line) in BudgetLines)
        {
            var key = $"{Section}:BudgetLines:{code}";
            if (code.Length is 0 or > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                yield return new ValidationResult($"{key} is not a budget code: use letters, digits and hyphens (up to 32).");
            }

            if (line.MonthlyCap <= 0)
            {
                yield return new ValidationResult($"{key}:MonthlyCap must be a positive amount in yuan.");
            }
        }
    }
}

/// <summary>One budget line: what it is called and how much it may spend per calendar month.</summary>
public sealed class BudgetLineOptions
{
    public string? Name { get; set; }

    /// <summary>Yuan per calendar month (library time); requests that would pass it are refused.</summary>
    public decimal MonthlyCap { get; set; }
}
