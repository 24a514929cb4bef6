namespace Outreach.Dashboard.Digests;

/// <summary>Words of the digest, preview and event pages; Resources/Digests/DigestsText.*.resx.</summary>
public sealed class DigestsText;
