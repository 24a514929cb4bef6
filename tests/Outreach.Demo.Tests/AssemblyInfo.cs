using System.Runtime.Versioning;

// Hangfire keeps process-wide statics (JobStorage.Current, the log provider, the job activator) that every host
// built in this process overwrites; hosts starting and stopping in parallel test classes step on each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The demo it tests drives Linux tools and Unix file modes.
[assembly: SupportedOSPlatform("linux")]
