namespace Outreach.Worker.Digests.Events;

/// <summary>A kind of event of the programme: its code (stored, used in the API) and how residents read it.</summary>
public sealed record EventKind(string Code, string Label);

/// <summary>The programme's kinds of event; readers choose among them on the preferences page.</summary>
public static class EventKinds
{
    public static readonly IReadOnlyList<EventKind> All =
    [
        new("lecture", "微讲堂"),
        new("reading_club", "读书协会"),
        new("film_salon", "影评沙龙"),
        new("heritage", "非遗与老字号文化日"),
        new("festival", "节日活动"),
        new("lifelong_learning", "终身教育课堂"),
        new("skills_training", "信息素养与技能培训"),
        new("other", "其他活动"),
    ];

    public static bool IsKnown(string? code) => All.Any(k => string.Equals(k.Code, code, StringComparison.Ordinal));

    public static string Label(string code) => All.FirstOrDefault(k => k.Code == code)?.Label ?? code;

    /// <summary>The kind a calendar category names, by code or label; null when it names none.</summary>
    public static string? FromCategory(string category)
    {
        var trimmed = category.Trim();
        return All.FirstOrDefault(k => string.Equals(k.Code, trimmed, StringComparison.OrdinalIgnoreCase) || k.Label == trimmed)?.Code;
    }
}
