using System.Globalization;
using System.Text;

namespace Outreach.Integrations.PersonalData;

/// <summary>The forms of contact details and names that staff pages may show.</summary>
public static class Masking
{
    private const char Star = '*';

    /// <summary><c>13812345678</c> becomes <c>138****5678</c>; short values are fully starred.</summary>
    public static string Phone(string phone) =>
        phone.Length >= 8
            ? string.Concat(phone.AsSpan(0, 3), new string(Star, phone.Length - 7), phone.AsSpan(phone.Length - 4))
            : new string(Star, phone.Length);

    /// <summary><c>zhang.san@example.com</c> becomes <c>z***@example.com</c>.</summary>
    public static string Email(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0)
            return "***";

        var first = StringInfo.GetNextTextElementLength(email);
        return string.Concat(email.AsSpan(0, first), "***", email.AsSpan(at));
    }

    /// <summary>
    /// Chinese names keep the family name and, from three characters on, the last character
    /// (<c>张*</c>, <c>张*明</c>); names of several words keep the last word and the first letter of the others
    /// (<c>J*** Smith</c>); a single word keeps its first letter.
    /// </summary>
    public static string Name(string name)
    {
        var trimmed = name.Trim();
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
            return string.Join(' ', words[..^1].Select(KeepFirst).Append(words[^1]));

        var elements = TextElements(trimmed);
        if (elements.Count >= 3 && elements.All(IsHan))
            return elements[0] + new string(Star, elements.Count - 2) + elements[^1];
        return KeepFirst(trimmed);
    }

    private static string KeepFirst(string word)
    {
        var elements = TextElements(word);
        return elements.Count == 0 ? string.Empty : elements[0] + new string(Star, Math.Max(elements.Count - 1, 1));
    }

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
            elements.Add(enumerator.GetTextElement());
        return elements;
    }

    // Rare characters of GB 18030 lie outside the basic plane, hence runes rather than chars.
    private static bool IsHan(string element) =>
        Rune.TryGetRuneAt(element, 0, out var rune)
        && rune.Value is (>= 0x3400 and <= 0x9FFF) or (>= 0x20000 and <= 0x3FFFF) or (>= 0xF900 and <= 0xFAFF);
}
