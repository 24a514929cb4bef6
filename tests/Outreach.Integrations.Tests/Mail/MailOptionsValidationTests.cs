using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Integrations.Mail;

namespace Outreach.Integrations.Tests.Mail;

public sealed class MailOptionsValidationTests
{
    [Theory]
    [InlineData("Outreach:Mail:From", "not-an-address")]
    [InlineData("Outreach:Mail:Connections", "0")]
    [InlineData("Outreach:Mail:MessagesPerSecond", "-1")]
    [InlineData("Outreach:Mail:MessageTimeout", "00:00:00.1")]
    [InlineData("Outreach:Mail:Dkim:PrivateKeyPath", "/no/such/key.pem")]
    [InlineData("Outreach:Mail:BounceMailbox:MaxMessagesPerRun", "0")]
    public void A_bad_mail_setting_is_refused_naming_its_key(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Mail:Host"] = "smtp.example.cn",
            ["Outreach:Mail:From"] = "library@example.cn",
            [key] = value,
        };
        using var services = TestServices.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<MailOptions>>().Value;
            _ = services.GetRequiredService<IOptions<BounceMailboxOptions>>().Value;
        });

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_mail_is_not_configured_and_opening_a_session_says_which_key_to_set()
    {
        using var services = TestServices.Build(new Dictionary<string, string?>());
        var sender = services.GetRequiredService<IMailSender>();

        Assert.False(sender.IsConfigured);
        var error = Assert.Throws<MailNotConfiguredException>(() => sender.OpenSession());
        Assert.Contains("Outreach:Mail:Host", error.Message, StringComparison.Ordinal);
    }
}
