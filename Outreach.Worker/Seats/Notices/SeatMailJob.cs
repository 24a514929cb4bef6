
namespace Outreach.Worker.Seats.Notices;

/// <summary>The seat notices as Hangfire and the CLI run them (<c>run seats-mail</c>).</summary>
public sealed class SeatMailJob(SeatMail mail)
{
    public Task RunAsync(CancellationToken cancellationToken) => mail.RunAsync(cancellationToken);
}
