using Microsoft.Extensions.FileProviders;

namespace Outreach.Dashboard.Hosting;

/// <summary>The stylesheet and other files of wwwroot, embedded in the assembly and served without login.</summary>
internal static class StaticAssets
{
    public static StaticFileOptions Options() => new()
    {
        FileProvider = new EmbeddedFileProvider(typeof(StaticAssets).Assembly, "Outreach.Dashboard.wwwroot"),
    };
}
