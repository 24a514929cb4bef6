using Outreach.Integrations.Bookstore;

namespace Outreach.Integrations.Tests.Bookstore;

public class BookstoreOptionsValidatorTests
{
    private static List<string> Failures(BookstoreOptions options) =>
        new BookstoreOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void No_bookstore_at_all_is_a_valid_configuration() => Assert.Empty(Failures(new BookstoreOptions()));

    [Fact]
    public void A_complete_configuration_is_valid() => Assert.Empty(Failures(new BookstoreOptions
    {
        BaseUrl = "https://xinhua.example.cn/",
        Token = "t",
        WebhookSecret = "sixteen-chars-ok",
    }));

    [Fact]
    public void Each_wrong_setting_is_named_by_its_key()
    {
        var failures = Failures(new BookstoreOptions { BaseUrl = "ftp://xinhua", WebhookSecret = "short", ChangesPageSize = 0 });

        Assert.Equal(
        [
            "Outreach:Bookstore:BaseUrl 'ftp://xinhua' must be an absolute http or https address",
            "Outreach:Bookstore:Token is required when Outreach:Bookstore:BaseUrl is set",
            "Outreach:Bookstore:WebhookSecret must be at least 16 characters",
            "Outreach:Bookstore:ChangesPageSize must be between 1 and 1000",
        ], failures);
    }
}
