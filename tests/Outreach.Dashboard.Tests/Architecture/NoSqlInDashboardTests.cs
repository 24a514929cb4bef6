using System.Text.RegularExpressions;
using Outreach.Testing;

namespace Outreach.Dashboard.Tests.Architecture;

/// <summary>The dashboard renders; the worker knows the data: no Dashboard source file holds SQL or touches Npgsql.</summary>
public sealed partial class NoSqlInDashboardTests
{
    [Fact]
    public void No_dashboard_source_file_holds_sql_or_names_an_npgsql_type()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "Outreach.Dashboard");
        var sources = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
                .Where(path => !IsBuildOutput(Path.GetRelativePath(root, path)))
                .ToList()
            : [];

        Assert.True(sources.Count > 50, $"only {sources.Count} source files found under {root}: is the checkout there?");
        var offending = sources
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (Path: Path.GetRelativePath(root, path), Line: index + 1, Text: line)))
            .Where(line => Sql().IsMatch(line.Text))
            .Select(line => $"{line.Path}:{line.Line}: {line.Text.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("await using var command = dataSource.CreateCommand(\"SELECT 1\");")]
    [InlineData("using Npgsql;")]
    [InlineData("    FROM outreach.job_runs")]
    [InlineData("INSERT INTO outreach.staff (username) VALUES ($1)")]
    [InlineData("UPDATE outreach.readers SET status = $2 WHERE id = $1")]
    [InlineData("DELETE FROM outreach.quarantine")]
    [InlineData("catch (NpgsqlException failure)")]
    public void The_scan_recognises_sql_and_npgsql(string line) => Assert.Matches(Sql(), line);

    [Theory]
    [InlineData("cookie.Cookie.Name = \"outreach.staff\";")]
    [InlineData("<select name=\"job\">")]
    [InlineData("Select(row => row.Id)")]
    public void The_scan_leaves_ordinary_code_alone(string line) => Assert.DoesNotMatch(Sql(), line);

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // SQL keywords as the hub writes them (upper case), a table of the hub's schemas, a command, or any Npgsql type.
    [GeneratedRegex(@"\bNpgsql|\b(SELECT|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\S+\s+SET|FROM\s+(outreach|hangfire|quartz)\.\w+)\b|\b(CreateCommand|ExecuteReader|ExecuteScalar|ExecuteNonQuery)\w*\(")]
    private static partial Regex Sql();
}
