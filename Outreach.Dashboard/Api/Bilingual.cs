using System.Text.RegularExpressions;

namespace Outreach.Dashboard.Api;

/// <summary>
/// The partner document's texts carry both languages ("中文。 / English." or Chinese paragraphs, then English ones, the
/// way a partner reading the JSON wants them); the reference page shows the reader's half.
/// </summary>
public static partial class Bilingual
{
    public static string Pick(string text, bool chinese)
    {
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            var parts = text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
            var wanted = parts.Where(line => Chinese().IsMatch(line) == chinese).ToList();
            return wanted.Count > 0 && wanted.Count < parts.Count ? string.Join(chinese ? "" : " ", wanted) : text;
        }

        // The halves meet at " / " right after Chinese and right before a Latin letter, which is never inside one half.
        var meeting = Meeting().Match(text);
        return !meeting.Success ? text : chinese ? text[..(meeting.Index + 1)].Trim() : text[(meeting.Index + meeting.Length)..].Trim();
    }

    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] / (?=[A-Za-z`])")]
    private static partial Regex Meeting();
}
