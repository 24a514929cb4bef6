namespace Outreach.Dashboard.Metrics;

/// <summary>Words of the metrics page and its downloads; Resources/Metrics/MetricsText.*.resx (the report's own words are the worker's ReportText).</summary>
public sealed class MetricsText;
