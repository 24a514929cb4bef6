using Outreach.Integrations.Mail;

namespace Outreach.Integrations.Tests.Mail;

public sealed class SmtpReplyTests
{
    [Fact]
    public void Addresses_in_a_server_reply_are_masked() =>
        Assert.Equal("550 5.1.1 <z***@example.cn>: Recipient address rejected", SmtpReply.Scrub("550 5.1.1 <zhang.san@example.cn>: Recipient address rejected"));

    [Fact]
    public void A_long_reply_is_cut_and_an_empty_one_stays_empty()
    {
        Assert.Equal(500, SmtpReply.Scrub(new string('x', 2000)).Length);
        Assert.Equal("", SmtpReply.Scrub(null));
    }
}
