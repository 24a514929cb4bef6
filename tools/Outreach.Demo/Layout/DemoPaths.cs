namespace Outreach.Demo.Layout;

/// <summary>
/// Where the demo keeps its state (the git-ignored <c>.local/demo</c> of the checkout) and where it finds the hosts:
/// their build outputs of the same configuration as the launcher itself (Release when started by <c>./outreach demo</c>).
/// </summary>
internal sealed class DemoPaths
{
    private const string SolutionFile = "Outreach.sln";

    private readonly string _configuration;
    private readonly string _targetFramework;

    private DemoPaths(string repositoryRoot, string configuration, string targetFramework)
    {
        RepositoryRoot = repositoryRoot;
        _configuration = configuration;
        _targetFramework = targetFramework;
        DemoRoot = Path.Combine(repositoryRoot, ".local", "demo");
    }

    public string RepositoryRoot { get; }

    /// <summary>Everything the demo writes; deleting it resets the demo.</summary>
    public string DemoRoot { get; }

    public string PostgresData => Path.Combine(DemoRoot, "postgres");

    public string CredentialsFile => Path.Combine(DemoRoot, "credentials.txt");

    public string SecretsFile => Path.Combine(DemoRoot, "secrets");

    /// <summary>Root of the csv communities' drop folders (<c>Outreach:FileDrops:Root</c>).</summary>
    public string DropsRoot => Path.Combine(DemoRoot, "drops");

    /// <summary>Files the sandbox loads at start, such as generated rosters.</summary>
    public string SandboxData => Path.Combine(DemoRoot, "sandbox");

    /// <summary>The sample files shipped with the launcher (fictional people).</summary>
    public static string DemoData => Path.Combine(AppContext.BaseDirectory, "DemoData");

    public string WorkerDll => BuildOutput("Outreach.Worker");

    public string DashboardDll => BuildOutput("Outreach.Dashboard");

    public string SandboxDll => BuildOutput("tools", "Outreach.Sandbox");

    public string DropFolder(string communityCode) => Path.Combine(DropsRoot, communityCode);

    /// <summary>Finds the checkout (the folder holding Outreach.sln) upwards from the launcher's binaries.</summary>
    public static DemoPaths Locate()
    {
        var binaries = new DirectoryInfo(AppContext.BaseDirectory);
        for (var dir = binaries; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                // bin/<Configuration>/<TargetFramework>/: the hosts are taken from the same kind of build.
                return new DemoPaths(dir.FullName, binaries.Parent?.Name ?? "Release", binaries.Name);
            }
        }

        throw new DemoException($"{SolutionFile} was not found above {binaries.FullName}: run the demo from a checkout with ./outreach demo.");
    }

    /// <summary>A project's build output; <paramref name="folders"/> end with the project's folder, named as the project.</summary>
    private string BuildOutput(params string[] folders) =>
        Path.Combine([RepositoryRoot, .. folders, "bin", _configuration, _targetFramework, folders[^1] + ".dll"]);
}
