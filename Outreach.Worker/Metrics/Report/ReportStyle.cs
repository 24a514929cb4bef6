namespace Outreach.Worker.Metrics.Report;

/// <summary>
/// The stylesheet of the figures table, the charts and the printable report: inlined in the mailed report (mail
/// clients load nothing), served as a file to the dashboard (whose content security policy forbids inline styles).
/// </summary>
public static class ReportStyle
{
    public const string Css = """
        .metrics-report { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; }
        .metrics-report h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
        .metrics-report h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
        .metrics-report .muted, .metrics .muted { color: #616e7c; }
        .metrics-scroll { overflow-x: auto; }
        table.metrics { border-collapse: collapse; background: #fff; font-size: 13px; }
        table.metrics th, table.metrics td { border: 1px solid #d9e2ec; padding: 0.3rem 0.5rem; vertical-align: top; }
        table.metrics thead th { background: #f5f7fa; text-align: center; }
        table.metrics th.indicator { text-align: left; font-weight: 600; min-width: 14rem; }
        table.metrics th.indicator .zh, table.metrics th.indicator .standard { display: block; font-weight: 400; color: #616e7c; font-size: 11px; }
        table.metrics tr.group th { background: #e6eef5; text-align: left; }
        table.metrics td { text-align: right; white-space: nowrap; }
        table.metrics td.all { background: #f5f7fa; }
        table.metrics td .value { display: block; font-weight: 600; }
        table.metrics td .change { display: block; font-size: 11px; color: #616e7c; }
        .trends { display: flex; flex-wrap: wrap; gap: 1rem; }
        .trends svg { background: #fff; border: 1px solid #d9e2ec; border-radius: 4px; }
        .metrics-actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin-bottom: 1rem; }
        .metrics-actions form { margin: 0; }
        dl.sources { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; font-size: 12px; }
        dl.sources dt { color: #616e7c; }
        dl.sources dd { margin: 0; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
            .metrics-report { font-size: 11px; }
            table.metrics { font-size: 10px; }
            table.metrics tr, .trends svg { break-inside: avoid; }
            .no-print { display: none; }
        }
        """;
}
