using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Integrations.Bookstore;

namespace Outreach.Dashboard.Tests.Orders;

public sealed class OrdersDashboardFixture : DashboardFixture
{
    public const string PortalKey = "portal-gl01-key-0123456789abcdef";
    public const string OtherKey = "portal-gl03-key-0123456789abcdef";
    public const string Secret = "dashboard-webhook-secret-0123";

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings["Outreach:Orders:Partners:portal-gl01:ApiKey"] = PortalKey;
        settings["Outreach:Orders:Partners:portal-gl03:ApiKey"] = OtherKey;
        settings["Outreach:Orders:BudgetLines:SOC-2026:MonthlyCap"] = "1000";
        settings["Outreach:Bookstore:WebhookSecret"] = Secret;
    }

    public async Task<string> CardAsync()
    {
        await using var command = DataSource.CreateCommand("""
            WITH reader AS (
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
                VALUES ('GL01', gen_random_uuid()::text, '邱叶', '邱*', 'r@example.test', 'active', true, false, '\x00', now(), now()) RETURNING id)
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
            SELECT id, outreach.next_card_number(), 'active', current_date, now() FROM reader RETURNING card_number
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class OrderEndpointsTests(OrdersDashboardFixture fixture) : IClassFixture<OrdersDashboardFixture>
{
    private static HttpRequestMessage Api(HttpMethod method, string path, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    [Fact]
    public async Task The_intake_api_takes_a_partners_request_with_its_key_and_refuses_without_it()
    {
        var card = await fixture.CardAsync();
        var request = new { card_number = card, isbn = "9787020008728", title = "三国演义", quantity = 1, unit_price = 39.5, budget_code = "SOC-2026",
            deliver_to = new { kind = "community_room" }, external_ref = "req-1" };

        var (none, _) = await SendAsync(Api(HttpMethod.Post, "/api/book-requests", null, request));
        var (wrong, _) = await SendAsync(Api(HttpMethod.Post, "/api/book-requests", "not-a-key", request));
        var (created, body) = await SendAsync(Api(HttpMethod.Post, "/api/book-requests", OrdersDashboardFixture.PortalKey, request));
        var (again, againBody) = await SendAsync(Api(HttpMethod.Post, "/api/book-requests", OrdersDashboardFixture.PortalKey, request));
        var orderRef = body.GetProperty("order_ref").GetString()!;
        var (read, readBody) = await SendAsync(Api(HttpMethod.Get, $"/api/book-requests/{orderRef}", OrdersDashboardFixture.PortalKey));
        var (foreign, _) = await SendAsync(Api(HttpMethod.Get, $"/api/book-requests/{orderRef}", OrdersDashboardFixture.OtherKey));
        var (refused, refusedBody) = await SendAsync(Api(HttpMethod.Post, "/api/book-requests", OrdersDashboardFixture.PortalKey,
            new { card_number = card, isbn = "123", quantity = 1, unit_price = 1, budget_code = "SOC-2026" }));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none, wrong));
        Assert.Equal((HttpStatusCode.Created, "pending"), (created, body.GetProperty("status").GetString()));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.book_orders WHERE order_ref = $1 AND deliver_community = 'GL01' AND source_name = 'portal-gl01'", orderRef));
        Assert.Equal((HttpStatusCode.OK, orderRef), (again, againBody.GetProperty("order_ref").GetString()));
        Assert.Equal((HttpStatusCode.OK, "pending"), (read, readBody.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal(["ISBN '123' has 3 characters; an ISBN has 10 or 13 digits", "title is required"],
            refusedBody.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_webhook_route_applies_a_signed_change_once_acknowledges_it_again_and_refuses_forged_and_stale_calls()
    {
        var card = await fixture.CardAsync();
        var (_, body) = await SendAsync(Api(HttpMethod.Post, "/api/book-requests", OrdersDashboardFixture.PortalKey,
            new { card_number = card, isbn = "9787506365437", title = "活着", quantity = 1, unit_price = 20, budget_code = "SOC-2026" }));
        var orderRef = body.GetProperty("order_ref").GetString()!;
        await fixture.ExecuteAsync("UPDATE outreach.book_orders SET status = 'accepted' WHERE order_ref = $1", orderRef);
        var change = Encoding.UTF8.GetBytes($$"""{"seq":7001,"order_id":"XH-1","order_ref":"{{orderRef}}","status":"shipped","at":"2026-11-20T10:00:00+08:00","note":"顺丰"}""");
        var now = DateTimeOffset.FromUnixTimeSeconds(long.Parse(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

        async Task<HttpStatusCode> PostAsync(DateTimeOffset at, string secret)
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/bookstore") { Content = new ByteArrayContent(change) };
            request.Headers.Add("X-Bookstore-Timestamp", timestamp);
            request.Headers.Add("X-Bookstore-Signature", WebhookSignature.Sign(secret, timestamp, change));
            return (await SendAsync(request)).Status;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(now, "a-guessed-secret-of-some-length"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(now.AddMinutes(-6), OrdersDashboardFixture.Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(now, OrdersDashboardFixture.Secret));
        // The same change again with a fresh valid signature (its first 2xx was lost): acknowledged, nothing changes.
        await fixture.ExecuteAsync("UPDATE outreach.book_orders SET status = 'ready_for_pickup' WHERE order_ref = $1", orderRef);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(now.AddSeconds(1), OrdersDashboardFixture.Secret));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.book_orders WHERE order_ref = $1 AND status = 'ready_for_pickup'", orderRef));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.bookstore_changes WHERE seq = 7001"));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM outreach.book_order_events e JOIN outreach.book_orders o ON o.id = e.order_id WHERE o.order_ref = $1 AND e.seq = 7001", orderRef));
    }

    [Fact]
    public async Task Staff_see_the_order_pages_and_only_operators_take_requests_and_push_again()
    {
        var card = await fixture.CardAsync();
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);

        using var taken = await operatorClient.SubmitAsync("/orders/new", "/orders/new",
            ("Input.CardNumber", card), ("Input.Isbn", "978-7-02-000874-2"), ("Input.Title", "西游记"), ("Input.Quantity", "1"), ("Input.UnitPrice", "33.30"),
            ("Input.BudgetCode", "SOC-2026"), ("Input.DeliverTo", "library_desk"), ("Input.DeliverCommunity", ""));
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var details = taken.Headers.Location!.ToString();
        var orderRef = details[(details.LastIndexOf('/') + 1)..];
        await fixture.ExecuteAsync("UPDATE outreach.book_orders SET status = 'failed', status_reason = 'gave up' WHERE order_ref = $1", orderRef);

        Assert.Contains(orderRef, await viewer.PageAsync("/orders?status=failed"), StringComparison.Ordinal);
        Assert.Contains("西游记", await viewer.PageAsync($"/orders/details/{orderRef}"), StringComparison.Ordinal);
        Assert.DoesNotContain("Push again", await viewer.PageAsync($"/orders/details/{orderRef}"), StringComparison.Ordinal);
        Assert.Contains("Stuck orders", await viewer.PageAsync("/orders/stuck"), StringComparison.Ordinal);
        Assert.Contains("SOC-2026", await viewer.PageAsync("/orders/spend"), StringComparison.Ordinal);
        using (var forbidden = await viewer.GetAsync("/orders/new"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var pushed = await operatorClient.SubmitAsync($"/orders/details/{orderRef}", $"/orders/details/{orderRef}?handler=PushAgain");
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Contains("a push is queued", await pushed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM outreach.book_orders WHERE order_ref = $1 AND status = 'pending'", orderRef));
    }

    [Fact]
    public async Task An_operator_imports_a_csv_file_and_sees_each_rows_outcome()
    {
        var card = await fixture.CardAsync();
        using var operatorClient = await fixture.SignedInAsync(TestAccounts.Operator);
        var page = await operatorClient.PageAsync("/orders/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes($"card_number,isbn,title,quantity,unit_price,budget_code\n{card},9787544253994,百年孤独,1,55,SOC-2026\n{card},978,坏的,1,1,SOC-2026\n")), "file", "requests.csv" },
        };
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = operatorClient.Cookies }) { BaseAddress = fixture.Host.Address, DefaultRequestHeaders = { AcceptLanguage = { new System.Net.Http.Headers.StringWithQualityHeaderValue("en") } } };

        using var response = await http.PostAsync("/orders/import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 taken, 0 held for staff, 0 imported before, 1 refused.", html, StringComparison.Ordinal);
        Assert.Contains("an ISBN has 10 or 13 digits", html, StringComparison.Ordinal);
    }
}
