using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Mail;

namespace Outreach.Worker.Tests.Digests;

/// <summary>The process "dies" right after the server accepted a message and before the hub could record it.</summary>
public sealed class SimulatedCrashException() : Exception("Simulated crash between the server's acceptance and the ledger's record.");

/// <summary>
/// Wraps the real SMTP sender: its <c>crashAfter</c>-th message is handed to the SMTP server (which accepts it), then the
/// send throws as a crash would cut the run off. Disarmed, it is the real sender.
/// </summary>
public sealed class CrashingMailSender(int crashAfter)
{
    private readonly int _crashAfter = crashAfter;
    private int _sent;
    private volatile bool _armed = true;

    public void Disarm() => _armed = false;

    public void Install(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(IMailSender));
        services.Remove(real);
        services.AddSingleton<IMailSender>(sp => new Sender(this, (IMailSender)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
    }

    private sealed class Sender(CrashingMailSender owner, IMailSender inner) : IMailSender
    {
        public bool IsConfigured => inner.IsConfigured;

        public IMailSession OpenSession(int? connections = null) => new Session(owner, inner.OpenSession(connections));
    }

    private sealed class Session(CrashingMailSender owner, IMailSession inner) : IMailSession
    {
        public int Connections => inner.Connections;

        public async Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            var result = await inner.SendAsync(mail, cancellationToken);
            if (owner._armed && Interlocked.Increment(ref owner._sent) == owner._crashAfter)
                throw new SimulatedCrashException();
            return result;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
