using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Dashboard.Localization;
using Outreach.Dashboard.Navigation;
using Outreach.Testing;

namespace Outreach.Dashboard.Tests.Localization;

public sealed partial class ResourceFilesTests
{
    private static readonly string Root = RepositoryRoot.Find();

    // The dashboard's words, and the worker's that staff read too (the monthly report and its mail).
    private static readonly string[] ResourceFolders =
        [Path.Combine(Root, "Outreach.Dashboard", "Resources"), Path.Combine(Root, "Outreach.Worker", "Resources")];

    public static TheoryData<string> ChineseFiles => new(ResourceFolders
        .SelectMany(folder => Directory.EnumerateFiles(folder, "*.zh-Hans.resx", SearchOption.AllDirectories))
        .Select(path => Path.GetRelativePath(Root, path)));

    [Theory]
    [MemberData(nameof(ChineseFiles))]
    public void Every_resource_key_exists_in_both_languages_with_the_same_placeholders(string chineseFile)
    {
        var chinese = Entries(Path.Combine(Root, chineseFile));
        var englishFile = Path.Combine(Root, chineseFile.Replace(".zh-Hans.resx", ".en.resx", StringComparison.Ordinal));
        Assert.True(File.Exists(englishFile), $"{chineseFile} has no English twin.");
        var english = Entries(englishFile);

        Assert.Equal(chinese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in chinese)
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{chineseFile}: '{key}' is empty in Chinese.");
            Assert.False(string.IsNullOrWhiteSpace(english[key]), $"{chineseFile}: '{key}' is empty in English.");
            Assert.True(Placeholders(value).SetEquals(Placeholders(english[key])), $"{chineseFile}: '{key}' has other placeholders in each language.");
        }
    }

    [Fact]
    public void Every_english_file_has_a_chinese_twin()
    {
        var orphans = ResourceFolders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.en.resx", SearchOption.AllDirectories))
            .Where(path => !File.Exists(path.Replace(".en.resx", ".zh-Hans.resx", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void The_built_dashboard_finds_its_words_in_both_languages_and_for_the_region_tag()
    {
        Assert.Equal("Outreach", ResourceText.English<SharedText>("Brand"));
        Assert.Equal("社区服务后台", ResourceText.Chinese<SharedText>("Brand"));
        Assert.Equal("社区服务后台", ResourceText.In<SharedText>("zh-CN", "Brand"));
        Assert.Equal("运行记录", ResourceText.In<NavigationText>("zh-CN", "Runs"));
    }

    [Fact]
    public void Every_staff_page_title_has_words_in_both_languages()
    {
        foreach (var page in StaffPages.All)
        {
            Assert.NotEqual(ResourceText.English<NavigationText>(page.Title), ResourceText.Chinese<NavigationText>(page.Title));
        }
    }

    private static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
