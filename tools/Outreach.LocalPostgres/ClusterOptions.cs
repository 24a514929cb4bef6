namespace Outreach.LocalPostgres;

/// <summary>How a private cluster is laid out and tuned.</summary>
public sealed record ClusterOptions
{
    /// <summary>Where the cluster's files live; created and initialised when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Keep fsync on and the files after stop (the demo); off for throw-away test clusters.</summary>
    public bool Durable { get; init; }

    /// <summary>Delete a throw-away cluster's files when it stops.</summary>
    public bool DeleteOnStop { get; init; } = true;

    /// <summary>Stop the server when this process dies, even by SIGKILL (a watchdog shell waits on our pid).</summary>
    public bool StopWithProcess { get; init; } = true;

    public int MaxConnections { get; init; } = 300;

    public int MaxPoolSize { get; init; } = 50;

    /// <summary>Further server settings, as <c>name=value</c>.</summary>
    public IReadOnlyList<string> ExtraSettings { get; init; } = [];
}
