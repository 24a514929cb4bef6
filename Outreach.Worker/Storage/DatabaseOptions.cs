using System.ComponentModel.DataAnnotations;

namespace Outreach.Worker.Storage;

/// <summary>Where the hub's PostgreSQL is and how it is prepared at start.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Outreach:Database";

    /// <summary>Bound from ConnectionStrings:Outreach (env ConnectionStrings__Outreach).</summary>
    [Required(ErrorMessage = "ConnectionStrings:Outreach is required (env ConnectionStrings__Outreach): the PostgreSQL connection string of the hub.")]
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when a host starts (under an advisory lock, so several hosts may start at once).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
