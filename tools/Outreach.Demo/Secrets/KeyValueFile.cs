using System.Text;

namespace Outreach.Demo.Secrets;

/// <summary>
/// A small <c>key=value</c> file readable by its owner only, whose values are generated the first time they are
/// asked for and kept for later runs.
/// </summary>
internal sealed class KeyValueFile
{
    private readonly string _path;
    private readonly string _header;
    private readonly List<KeyValuePair<string, string>> _entries;

    private KeyValueFile(string path, string header, List<KeyValuePair<string, string>> entries)
    {
        _path = path;
        _header = header;
        _entries = entries;
    }

    /// <summary>Reads the file when it exists; <paramref name="header"/> is written as comment lines on save.</summary>
    public static KeyValueFile Open(string path, string header)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (line.StartsWith('#') || equals <= 0)
                {
                    continue;
                }

                entries.Add(new(line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }
        }

        return new KeyValueFile(path, header, entries);
    }

    /// <summary>The stored value of <paramref name="key"/>, or a new one from <paramref name="generate"/> (then saved).</summary>
    public string GetOrCreate(string key, Func<string> generate)
    {
        var existing = _entries.Find(e => e.Key == key);
        if (existing.Value is { Length: > 0 } value)
        {
            return value;
        }

        value = generate();
        _entries.RemoveAll(e => e.Key == key);
        _entries.Add(new(key, value));
        Save();
        return value;
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var text = new StringBuilder();
        foreach (var line in _header.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        foreach (var (key, value) in _entries)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        var partial = _path + ".partial";
        using (var file = new FileStream(partial, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }

        File.Move(partial, _path, overwrite: true);
    }
}
