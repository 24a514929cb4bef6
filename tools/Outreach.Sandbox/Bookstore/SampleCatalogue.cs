namespace Outreach.Sandbox.Bookstore;

/// <summary>What the simulated bookstore sells at start: classics readers ask for (real ISBN-13s).</summary>
internal static class SampleCatalogue
{
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>
    {
        ["9787020002207"] = "红楼梦",
        ["9787020008728"] = "三国演义",
        ["9787020008735"] = "水浒传",
        ["9787020008742"] = "西游记",
        ["9787506365437"] = "活着",
        ["9787544253994"] = "百年孤独",
        ["9787020024759"] = "围城",
        ["9787536692930"] = "三体",
        ["9787108009821"] = "乡土中国",
        ["9787532725694"] = "平凡的世界",
    };
}
