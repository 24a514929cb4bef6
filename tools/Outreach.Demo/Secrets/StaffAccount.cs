namespace Outreach.Demo.Secrets;

/// <summary>A demo staff login: one per role.</summary>
internal sealed record StaffAccount(string Username, string Role, string Password);
