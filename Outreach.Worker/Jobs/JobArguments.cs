using System.Collections.ObjectModel;

namespace Outreach.Worker.Jobs;

/// <summary>
/// The named arguments of a job run: ids, codes and dates only, never personal data or payloads
/// (they are stored in Hangfire's tables and shown on its dashboard).
/// </summary>
public sealed class JobArguments
{
    public static readonly JobArguments None = new(new Dictionary<string, string>());

    private readonly ReadOnlyDictionary<string, string> _values;

    public JobArguments(IDictionary<string, string> values) =>
        _values = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyDictionary<string, string> Values => _values;

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new JobArgumentException($"The argument --{name} is required.");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public bool Flag(string name) => _values.TryGetValue(name, out var value) && (value.Length == 0 || bool.TryParse(value, out var b) && b);

    public override string ToString() => string.Join(' ', _values.Select(kv => kv.Value.Length == 0 ? $"--{kv.Key}" : $"--{kv.Key} {kv.Value}"));
}

/// <summary>A job was asked for with arguments it cannot run with.</summary>
public sealed class JobArgumentException(string message) : Exception(message);
