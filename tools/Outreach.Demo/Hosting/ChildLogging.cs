namespace Outreach.Demo.Hosting;

/// <summary>
/// How much the hosts say in the demo's terminal: warnings and errors, the hub's own Information lines and the
/// hosting start-up lines, one line each. OUTREACH_DEMO_VERBOSE=1 shows everything at Information.
/// </summary>
internal static class ChildLogging
{
    public const string VerboseVariable = "OUTREACH_DEMO_VERBOSE";

    private static bool Verbose => Environment.GetEnvironmentVariable(VerboseVariable) is "1" or "true";

    /// <summary>The Logging section for the worker and the dashboard.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings()
    {
        yield return new("Logging:LogLevel:Default", Verbose ? "Information" : "Warning");
        yield return new("Logging:LogLevel:Outreach", "Information");
        yield return new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
        yield return new("Logging:Console:FormatterName", "simple");
        yield return new("Logging:Console:FormatterOptions:SingleLine", "true");
        yield return new("Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss ");
    }

    /// <summary>
    /// The sandbox sets up its own logging and reads no Logging settings; its information lines (one per simulated
    /// request) are left out here, its banner and its warnings are shown.
    /// </summary>
    public static bool ShowSandboxLine(string line) => Verbose || !line.StartsWith("info: ", StringComparison.Ordinal);

    public static bool ShowAll(string line) => true;
}
