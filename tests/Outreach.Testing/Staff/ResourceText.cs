using System.Globalization;
using System.Resources;

namespace Outreach.Testing.Staff;

/// <summary>
/// What a dashboard resource key reads in a language, from the resource files the dashboard serves
/// (Resources/&lt;namespace after the assembly's&gt;/&lt;class&gt;.&lt;culture&gt;.resx): tests compare pages with the real words.
/// </summary>
public static class ResourceText
{
    public static string English<TResource>(string key) => In<TResource>("en", key);

    /// <summary>The English words of <paramref name="key"/> filled with <paramref name="args"/>, as an English page formats them.</summary>
    public static string English<TResource>(string key, params object[] args) =>
        string.Format(CultureInfo.GetCultureInfo("en"), In<TResource>("en", key), args);

    public static string Chinese<TResource>(string key) => In<TResource>("zh-Hans", key);

    public static string In<TResource>(string culture, string key)
    {
        var type = typeof(TResource);
        var assembly = type.Assembly.GetName().Name!;
        var manager = new ResourceManager($"{assembly}.Resources.{type.FullName![(assembly.Length + 1)..]}", type.Assembly);
        return manager.GetString(key, CultureInfo.GetCultureInfo(culture))
               ?? throw new InvalidOperationException($"{type.Name} has no '{key}' in {culture}.");
    }
}
