namespace Outreach.Integrations.FileDrops;

/// <summary>File moves for drop folders, shared by every feature that takes files in (rosters, activity) or puts them out.</summary>
public static class DropFiles
{
    /// <summary>
    /// Moves a file into <paramref name="directory"/> under <paramref name="fileName"/>, or, if that name is taken,
    /// under the first free name with a suffix (<c>name_2.csv</c>, <c>name_3.csv</c>...). Never overwrites.
    /// </summary>
    /// <returns>The path the file now has.</returns>
    public static string MoveWithoutOverwrite(string sourcePath, string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = Path.Combine(directory, attempt == 1 ? fileName : $"{stem}_{attempt}{extension}");
            if (File.Exists(candidate))
                continue;
            try
            {
                File.Move(sourcePath, candidate, overwrite: false);
                return candidate;
            }
            catch (IOException) when (File.Exists(candidate))
            {
                // Another process took the name between the check and the move: try the next one.
            }
        }
    }
}
