namespace Outreach.Dashboard.Privacy;

/// <summary>Words of the residents' rights page and the receipt's staff links; Resources/Privacy/PrivacyText.*.resx (the receipt itself is the resident's, in Chinese).</summary>
public sealed class PrivacyText;
