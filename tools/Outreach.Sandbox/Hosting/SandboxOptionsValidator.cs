using System.ComponentModel.DataAnnotations;
using Outreach.Sandbox.Communities;

namespace Outreach.Sandbox.Hosting;

/// <summary>Refuses a bad configuration before anything binds, naming the configuration key at fault.</summary>
internal static class SandboxOptionsValidator
{
    public static void ThrowIfInvalid(SandboxOptions options)
    {
        var problems = new List<string>();
        Collect(options, SandboxOptions.SectionName, problems);
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Communities.Count; i++)
        {
            var seed = options.Communities[i];
            var key = $"{SandboxOptions.SectionName}:{nameof(SandboxOptions.Communities)}:{i}";
            Collect(seed, key, problems);
            if (!codes.Add(seed.Code))
            {
                problems.Add($"{key}:{nameof(seed.Code)}: community {seed.Code} is configured twice.");
            }

            if (seed.Snapshot is { Length: > 0 } path && !File.Exists(path))
            {
                problems.Add($"{key}:{nameof(seed.Snapshot)}: no file at {path}.");
            }

            if (seed.Kind == CommunityKind.Csv)
            {
                if (string.IsNullOrEmpty(options.DropFolder))
                {
                    problems.Add($"{SandboxOptions.SectionName}:{nameof(options.DropFolder)}: csv community {seed.Code} needs a drop folder.");
                }

                if (CsvDropFormat.Problem(seed.DropEncoding, seed.DropHeaders) is { } problem)
                {
                    problems.Add($"{key}: {problem}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationException("Invalid sandbox configuration: " + string.Join(" ", problems));
        }
    }

    private static void Collect(object instance, string prefix, List<string> problems)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => $"{prefix}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
