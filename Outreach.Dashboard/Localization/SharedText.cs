namespace Outreach.Dashboard.Localization;

/// <summary>Words every staff page shares (layout, paging, filters, dates); Resources/Localization/SharedText.*.resx.</summary>
public sealed class SharedText;
