using System.Runtime.Versioning;
using Outreach.Demo;

// The demo drives Linux tools (PostgreSQL's pg_ctl, runuser, setsid, kill) and Unix file modes.
[assembly: SupportedOSPlatform("linux")]

return await DemoLauncher.RunAsync();
