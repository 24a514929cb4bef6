using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>The SMTP sender (<see cref="IMailSender"/>) and the bounce mailbox (<see cref="IBounceMailbox"/>), options validated at start.</summary>
    public static IServiceCollection AddOutreachMail(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionPath).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BounceMailboxOptions>, BounceMailboxOptionsValidator>());
        services.AddOptions<BounceMailboxOptions>().BindConfiguration(BounceMailboxOptions.SectionPath).ValidateOnStart();
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.TryAddSingleton<IBounceMailbox, ImapBounceMailbox>();
        return services;
    }
}
