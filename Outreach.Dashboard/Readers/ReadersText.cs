namespace Outreach.Dashboard.Readers;

/// <summary>Words of the roster sync, quarantine and reader pages; Resources/Readers/ReadersText.*.resx.</summary>
public sealed class ReadersText;
