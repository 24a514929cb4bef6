using System.Net;
using System.Text;
using Outreach.Dashboard.Errors;
using Outreach.Dashboard.Tests.Orders;

namespace Outreach.Dashboard.Tests.Hosting;

/// <summary>Addresses and bodies the dashboard cannot use get a clear 4xx saying why, never a 500 or an empty page.</summary>
public sealed class ClearRefusalTests(OrdersDashboardFixture fixture) : IClassFixture<OrdersDashboardFixture>
{
    [Theory]
    [InlineData("/orders?p=2147483647", "page number")]
    [InlineData("/runs?p=2147483647", "page number")]
    [InlineData("/quarantine?p=2147483647", "page number")]
    [InlineData("/sync?p=2147483647", "page number")]
    [InlineData("/orders?age=2147483647", "age in days")]
    [InlineData("/orders?age=-1", "age in days")]
    [InlineData("/orders?p=0", "page number")]
    [InlineData("/runs?p=two", "two")]
    public async Task An_address_out_of_range_gets_400_saying_what_is_wrong(string path, string named)
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        using var response = await viewer.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("This address asks for something the page cannot show", text, StringComparison.Ordinal);
        Assert.Contains(named, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/orders?p=2&age=30")]
    [InlineData("/runs?p=3")]
    [InlineData("/orders?age=")]
    public async Task Addresses_in_range_still_show_their_page(string path)
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        await viewer.PageAsync(path);
    }

    [Fact]
    public async Task A_missing_page_a_refused_role_and_an_expired_form_get_a_page_in_the_readers_language()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var chineseViewer = await fixture.NewClient("zh-CN").SignedInAsync(TestAccounts.Viewer);
        using var anonymous = fixture.NewClient(null);

        using var missing = await viewer.GetAsync("/no-such-page");
        using var missingInChinese = await chineseViewer.GetAsync("/no-such-page");
        using var refused = await viewer.GetAsync("/audit");
        using var expired = await viewer.PostFormAsync("/language", [new("language", "en")]);
        using var direct = await anonymous.GetAsync("/error/404");
        using var machine = await anonymous.GetAsync("/api/no-such-api");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains($"<h1>{ResourceText.English<ErrorsText>("Title.404")}</h1>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missingInChinese.StatusCode);
        Assert.Contains("<h1>找不到页面</h1>", await missingInChinese.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(ResourceText.English<ErrorsText>("Lead.403"), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains(ResourceText.English<ErrorsText>("Lead.400"), await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.Contains("<html lang=\"zh-Hans\">", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual("text/html", machine.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=abc")]
    public async Task An_api_body_that_is_not_json_gets_415(string contentType)
    {
        var card = await fixture.CardAsync();
        using var http = new HttpClient { BaseAddress = fixture.Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };
        using var content = new StringContent($"card_number={card}&isbn=9787020008728&title=x&quantity=1&unit_price=1&budget_code=SOC-2026", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/book-requests") { Content = content };
        request.Headers.Add("X-Api-Key", OrdersDashboardFixture.PortalKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outreach.book_orders WHERE card_number = $1", card));
    }

    [Fact]
    public async Task A_csv_over_the_import_limit_gets_the_page_with_its_message()
    {
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);
        var page = await operatorClient.PageAsync("/orders/import");
        var huge = new StringBuilder("card_number,isbn,title,quantity,unit_price,budget_code\n");
        while (huge.Length < 2 * 1024 * 1024)
        {
            huge.Append("ZB0000000000,9787544253994,百年孤独,1,55,SOC-2026\n");
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(huge.ToString())), "file", "requests.csv" },
        };
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = operatorClient.Cookies }) { BaseAddress = fixture.Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };

        using var response = await http.PostAsync("/orders/import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file is larger than 1024 KB; split it.", html, StringComparison.Ordinal);
        Assert.Contains("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_far_over_the_limit_is_refused_with_the_same_words()
    {
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);
        var page = await operatorClient.PageAsync("/orders/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[9 * 1024 * 1024]), "file", "requests.csv" },
        };
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = operatorClient.Cookies }) { BaseAddress = fixture.Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };

        using var response = await http.PostAsync("/orders/import", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The file is larger than 1024 KB; split it.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
