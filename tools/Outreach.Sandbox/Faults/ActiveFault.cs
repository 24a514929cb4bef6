namespace Outreach.Sandbox.Faults;

/// <summary>A fault in force: its id (to remove it) and how many hits it has left (null: until removed).</summary>
public sealed record ActiveFault(int Id, FaultRule Rule, int? Remaining);
