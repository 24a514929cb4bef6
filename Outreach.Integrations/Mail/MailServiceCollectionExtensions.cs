using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Integrations.Configuration;

namespace Outreach.Integrations.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>The SMTP sender (<see cref="IMailSender"/>) and the bounce mailbox (<see cref="IBounceMailbox"/>), options validated at start.</summary>
    public static IServiceCollection AddOutreachMail(this IServiceCollection services)
    {
        services.AddOutreachOptions<MailOptions, MailOptionsValidator>(MailOptions.SectionPath);
        services.AddOutreachOptions<BounceMailboxOptions, BounceMailboxOptionsValidator>(BounceMailboxOptions.SectionPath);
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.TryAddSingleton<IBounceMailbox, ImapBounceMailbox>();
        return services;
    }
}
