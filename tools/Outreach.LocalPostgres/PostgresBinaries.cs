namespace Outreach.LocalPostgres;

/// <summary>Finds the PostgreSQL server binaries: on PATH, else the newest under /usr/lib/postgresql/*/bin.</summary>
public sealed class PostgresBinaries
{
    private readonly string _directory;

    private PostgresBinaries(string directory) => _directory = directory;

    public string Directory => _directory;

    public string Path(string tool) => System.IO.Path.Combine(_directory, tool);

    public static PostgresBinaries Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("OUTREACH_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(System.IO.Path.Combine(fromEnvironment, "initdb")))
        {
            return new PostgresBinaries(fromEnvironment);
        }

        foreach (var entry in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            if (entry.Length > 0 && File.Exists(System.IO.Path.Combine(entry, "initdb")) && File.Exists(System.IO.Path.Combine(entry, "pg_ctl")))
            {
                return new PostgresBinaries(entry);
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            var newest = System.IO.Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: System.IO.Path.Combine(d, "bin"), Version: int.TryParse(System.IO.Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(System.IO.Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return new PostgresBinaries(newest.Dir);
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them with 'sudo apt-get install -y postgresql' (the README's set-up does this), " +
            "set OUTREACH_PG_BIN to their folder, or give a connection string in ConnectionStrings__Outreach.");
    }
}
