using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Tests.PersonalData;

public sealed class TextScrubberTests
{
    [Theory]
    [InlineData("550 5.1.1 <zhang.san@example.com>: Recipient address rejected", "550 5.1.1 <z***@example.com>: Recipient address rejected")]
    [InlineData("resident 330203194606241488 refused", "resident 330203********1488 refused")]
    [InlineData("call 13812345678 now", "call 138****5678 now")]
    [InlineData("account 6222020200112233445", "account 62***************45")]
    [InlineData("HTTP 500 at 2026-11-20T02:00:00+08:00", "HTTP 500 at 2026-11-20T02:00:00+08:00")]
    public void Personal_data_in_outside_text_is_masked_and_the_rest_kept(string text, string scrubbed) =>
        Assert.Equal(scrubbed, TextScrubber.Scrub(text));
}
