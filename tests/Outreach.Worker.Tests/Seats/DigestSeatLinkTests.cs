using Outreach.Worker.Digests.Links;
using Outreach.Worker.Tests.Digests;

namespace Outreach.Worker.Tests.Seats;

public sealed class DigestSeatLinkTests
{
    [Fact]
    public async Task An_event_with_seats_carries_each_readers_own_registration_link_in_the_digest()
    {
        await using var world = await DigestWorld.StartAsync("seats_digest_link");
        var readers = await world.AddReadersAsync("GL03", 1, 2);
        var lecture = await world.AddEventAsync("古籍修复微讲堂", 2, "lecture", "GL03");

        await world.RunDigestAsync("GL03");

        var tokens = world.Get<DigestTokens>();
        foreach (var (reader, serial) in readers.Zip([1, 2]))
        {
            var message = world.Sandbox.Mail.Messages.Single(m => m.To.Single() == DigestWorld.Address(serial)).Parse();
            var link = $"{DigestWorld.PublicBaseUrl}/unsubscribe/{tokens.ForReader(reader)}/seats/{lecture.Id}";
            Assert.Contains($"<a href=\"{link}\" style=\"color:#0b6e99;\">报名</a>", message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($"报名：{link}", message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("https://lib.example.cn/register/1", message.HtmlBody, StringComparison.Ordinal);
        }
    }
}
