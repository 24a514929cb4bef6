
namespace Outreach.Worker.Activity.Csv;

/// <summary>The drop-folder read as Hangfire and the CLI run it.</summary>
public sealed class ActivityDropJob(ActivityDropImport import)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await import.RunAsync(cancellationToken);
}
