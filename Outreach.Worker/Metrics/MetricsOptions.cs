using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Metrics;

/// <summary>The Outreach:Metrics section: who receives the monthly report, the keys of the figures API, computation limits.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Outreach:Metrics";

    /// <summary>Addresses the report is mailed to when a month is computed (e.g. the town office, the college). Empty: no mail.</summary>
    public List<string> ReportRecipients { get; set; } = [];

    /// <summary>Keys of the figures JSON API (header X-Api-Key), by the name of the system that holds them. Secrets.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Shown at the top of the report and in the mail's subject.</summary>
    public string LibraryName { get; set; } = "浙江工商职业技术学院图书馆";

    /// <summary>The language of the report mail, written for staff: zh-Hans (the default) or en.</summary>
    [RegularExpression("^(zh-Hans|en)$", ErrorMessage = "Outreach:Metrics:ReportLanguage must be zh-Hans or en.")]
    public string ReportLanguage { get; set; } = Staff.StaffLanguages.Chinese;

    /// <summary>Where the dashboard is reached, for the link in the mail; defaults to Outreach:Dashboard:PublicBaseUrl.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Memory PostgreSQL may use per sort or hash of the computation: a month's readers fit in memory instead of spilling to disk.</summary>
    [Range(4, 8192, ErrorMessage = "Outreach:Metrics:WorkMemMegabytes must be between 4 and 8192.")]
    public int WorkMemMegabytes { get; set; } = 256;

    /// <summary>The longest one statement of the computation may take (a district's month is tens of millions of records).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Outreach:Metrics:CommandTimeout must be between 00:00:10 and 1.00:00:00.")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public override string ToString() => nameof(MetricsOptions);
}
