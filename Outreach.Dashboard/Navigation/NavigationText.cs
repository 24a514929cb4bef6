namespace Outreach.Dashboard.Navigation;

/// <summary>
/// The staff pages' menu titles: a <see cref="StaffPage.Title"/> is a key here (Resources/Navigation/NavigationText.*.resx);
/// a title with no entry shows as written.
/// </summary>
public sealed class NavigationText;
