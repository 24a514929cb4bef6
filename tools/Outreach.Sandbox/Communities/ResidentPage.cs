namespace Outreach.Sandbox.Communities;

/// <summary>The body of GET /api/v1/residents.</summary>
internal sealed record ResidentPage(IReadOnlyList<SimResident> Residents, string? Next, string Cursor);
