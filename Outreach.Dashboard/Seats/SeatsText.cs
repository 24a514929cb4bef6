namespace Outreach.Dashboard.Seats;

/// <summary>Words of the staff's seat pages (the residents' pages stay in Chinese); Resources/Seats/SeatsText.*.resx.</summary>
public sealed class SeatsText;
