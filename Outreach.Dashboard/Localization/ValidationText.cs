namespace Outreach.Dashboard.Localization;

/// <summary>
/// Validation messages of every form and query: a validation attribute's ErrorMessage is a key here
/// (Resources/Localization/ValidationText.*.resx), and so are the model binder's own messages.
/// </summary>
public sealed class ValidationText;
