namespace Outreach.Dashboard.Api;

/// <summary>Words of the partner API reference page (/openapi); Resources/Api/ApiText.*.resx. The document's own texts carry both languages.</summary>
public sealed class ApiText;
