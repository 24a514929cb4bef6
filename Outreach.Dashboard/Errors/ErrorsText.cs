namespace Outreach.Dashboard.Errors;

/// <summary>Words of the error pages (400 and an expired form, 403, 404, 500); Resources/Errors/ErrorsText.*.resx.</summary>
public sealed class ErrorsText;
