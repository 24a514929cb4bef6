namespace Outreach.Dashboard.Messages;

/// <summary>
/// The catalog of messages the hub stores for staff (run messages, refusals, order reasons), by code, with {0}, {1}...
/// for their arguments; Resources/Messages/MessageText.*.resx.
/// </summary>
public sealed class MessageText;
