namespace Outreach.Integrations.Tests;

/// <summary>A fresh folder under the temp directory, removed with everything in it at the end of the test.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        FolderPath = Path.Combine(Path.GetTempPath(), "outreach-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FolderPath);
    }

    public string FolderPath { get; }

    public string PathOf(params string[] parts) => Path.Combine([FolderPath, .. parts]);

    /// <summary>Copies a file of TestData/ into the folder under a new name.</summary>
    public string CopyTestData(string testDataName, string nameInFolder)
    {
        var target = PathOf(nameInFolder);
        File.Copy(TestData.PathOf(testDataName), target);
        return target;
    }

    public void Dispose()
    {
        if (Directory.Exists(FolderPath))
            Directory.Delete(FolderPath, recursive: true);
    }
}

internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
