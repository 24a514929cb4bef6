namespace Outreach.Dashboard.Home;

/// <summary>Words of the home page (what needs attention); Resources/Home/HomeText.*.resx.</summary>
public sealed class HomeText;
