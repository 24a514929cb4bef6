namespace Outreach.Testing;

/// <summary>Finds the checkout's root (where Outreach.sln is) from the test binaries' folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
