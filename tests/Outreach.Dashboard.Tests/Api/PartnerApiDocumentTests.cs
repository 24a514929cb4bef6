using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Testing;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Dashboard.Tests.Api;

public sealed class PartnerApiFixture : DashboardFixture
{
    public static readonly Dictionary<string, string> KeyOfScheme = new(StringComparer.Ordinal)
    {
        ["events_key"] = "website-events-key-0123456789abcdef",
        ["book_requests_key"] = "portal-partner-key-0123456789abcdef",
        ["activity_key"] = "gate-activity-key-0123456789abcdef",
        ["metrics_key"] = "town-metrics-key-0123456789abcdef",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The card the document's examples name, so a request built from them reaches a real reader.
        await ExecuteAsync("""
            WITH reader AS (
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
                VALUES ('GL01', 'api-example', '邱叶', '邱*', 'active', true, false, '\x00', now(), now()) RETURNING id)
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
            SELECT id, $1, 'active', current_date, now() FROM reader
            """, CardNumber.Format(123));
    }

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings["Outreach:Digests:ApiKeys:website"] = KeyOfScheme["events_key"];
        settings["Outreach:Orders:Partners:portal:ApiKey"] = KeyOfScheme["book_requests_key"];
        settings["Outreach:Orders:BudgetLines:SOC2026:MonthlyCap"] = "1000";
        settings["Outreach:Activity:ApiKeys:gate"] = KeyOfScheme["activity_key"];
        settings["Outreach:Metrics:ApiKeys:town"] = KeyOfScheme["metrics_key"];
        foreach (var code in new[] { "GL01", "GL02" })
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"古林{code}社区";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-partner-api", code);
        }
    }
}

public sealed class PartnerApiDocumentTests(PartnerApiFixture fixture) : IClassFixture<PartnerApiFixture>
{
    private const string Regenerate = "OUTREACH_WRITE_OPENAPI";
    private static readonly string Committed = Path.Combine(RepositoryRoot.Find(), "docs", "openapi", "v1.json");

    [Fact]
    public async Task The_committed_document_is_the_one_the_endpoints_generate()
    {
        var generated = await GeneratedAsync();
        if (Environment.GetEnvironmentVariable(Regenerate) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Committed)!);
            await File.WriteAllTextAsync(Committed, generated, new UTF8Encoding(false));
        }

        var committed = File.Exists(Committed) ? (await File.ReadAllTextAsync(Committed)).ReplaceLineEndings("\n") : "(missing)";
        Assert.True(committed == generated,
            "docs/openapi/v1.json differs from the document the endpoints generate. Regenerate it with " +
            $"`{Regenerate}=1 dotnet test tests/Outreach.Dashboard.Tests -c Release --filter FullyQualifiedName~PartnerApiDocumentTests` " +
            "and commit it (a changed document is a changed contract for partners: say so in the commit).");
    }

    [Fact]
    public async Task The_document_and_the_reference_page_answer_without_login_and_name_every_api_its_key_and_the_held_status()
    {
        using var anonymous = fixture.NewClient();
        using var json = await anonymous.GetAsync("/openapi/v1.json");
        using var page = await anonymous.GetAsync("/openapi");
        var document = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (json.StatusCode, page.StatusCode));
        Assert.Equal(["/api/activity", "/api/book-requests", "/api/book-requests/{orderRef}", "/api/events", "/api/events/{id}", "/api/metrics", "/api/metrics/{month}"],
            document["paths"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (path, method, operation) in Operations(document))
        {
            var scheme = operation["security"]?[0]?.AsObject().Single().Key;
            Assert.True(scheme is not null && PartnerApiFixture.KeyOfScheme.ContainsKey(scheme), $"{method} {path} names no key");
            Assert.True(operation["responses"]?["401"] is not null, $"{method} {path} does not document 401");
            Assert.True(operation["summary"] is not null && operation["description"] is not null, $"{method} {path} is not described");
        }

        var submit = document["paths"]!["/api/book-requests"]!["post"]!;
        Assert.Equal("held", (string?)submit["responses"]!["201"]!["content"]!["application/json"]!["example"]!["status"]);
        Assert.Contains("held", Resolve(document, document["components"]!["schemas"]!["BookRequestAnswer"]!)["properties"]!["status"]!["enum"]!.AsArray()
            .Select(v => (string?)v));
        Assert.Contains("lecture", document["components"]!["schemas"]!["EventBody"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("DELETE 表示取消", (string?)document["paths"]!["/api/events/{id}"]!["delete"]!["description"], StringComparison.Ordinal);
        Assert.Contains("Create an event", html, StringComparison.Ordinal);
        Assert.DoesNotContain("创建活动", html, StringComparison.Ordinal);
        Assert.Contains("book_requests_key", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_page_reads_in_Chinese_by_default_and_in_English_on_request()
    {
        using var chinese = fixture.NewClient(null);
        using var english = fixture.NewClient("en-US");

        var inChinese = await chinese.PageAsync("/openapi");
        var inEnglish = await english.PageAsync("/openapi");

        Assert.Contains("<html lang=\"zh-Hans\">", inChinese, StringComparison.Ordinal);
        Assert.Contains("<h2>数据结构</h2>", inChinese, StringComparison.Ordinal);
        Assert.Contains("创建活动", inChinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Create an event", inChinese, StringComparison.Ordinal);
        Assert.Contains("<h2>Shapes</h2>", inEnglish, StringComparison.Ordinal);
        Assert.Contains("The standard it follows (ISO 2789 / ISO 11620).", inEnglish, StringComparison.Ordinal);
        Assert.Contains("所依据的标准（ISO 2789 / ISO 11620）。", inChinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_built_only_from_the_document_is_accepted_by_each_api()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Committed))!;
        using var client = fixture.NewClient();
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        var tried = new List<string>();

        // Bodies first (they create what the reads and changes address), then everything else.
        foreach (var (path, method, operation) in Operations(document).OrderBy(o => o.Operation["requestBody"] is null).ThenBy(o => o.Method == "delete"))
        {
            var media = operation["requestBody"]?["content"]?["application/json"];
            JsonNode?[] bodies = media is null ? [null] : [media["example"]!.DeepClone(), RequiredOnly(document, media)];
            foreach (var body in bodies)
            {
                var url = Address(path, operation, created);
                if (url is null)
                {
                    continue;
                }

                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(url, UriKind.Relative));
                request.Headers.Add("X-Api-Key", PartnerApiFixture.KeyOfScheme[operation["security"]![0]!.AsObject().Single().Key]);
                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(status < 300 && operation["responses"]![status.ToString(CultureInfo.InvariantCulture)] is not null,
                    $"{method.ToUpperInvariant()} {url} with {body?.ToJsonString() ?? "no body"} answered {status} (not a documented success): {text}");
                tried.Add($"{method} {path}");
                if (body is not null && JsonNode.Parse(text) is JsonObject answer)
                {
                    foreach (var name in new[] { "id", "order_ref" })
                    {
                        if (answer[name] is { } value)
                        {
                            created[path + "/" + name] = value.ToJsonString().Trim('"');
                        }
                    }
                }
            }
        }

        Assert.Contains("post /api/events", tried);
        Assert.Contains("put /api/events/{id}", tried);
        Assert.Contains("delete /api/events/{id}", tried);
        Assert.Contains("post /api/book-requests", tried);
        Assert.Contains("get /api/book-requests/{orderRef}", tried);
        Assert.Contains("post /api/activity", tried);
        Assert.Contains("get /api/metrics", tried);
    }

    private async Task<string> GeneratedAsync()
    {
        using var anonymous = fixture.NewClient();
        return (await anonymous.PageAsync("/openapi/v1.json")).ReplaceLineEndings("\n");
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key, m.Value!)));

    /// <summary>A body of the required fields alone, each with the example's value.</summary>
    private static JsonObject RequiredOnly(JsonNode document, JsonNode media)
    {
        var schema = Resolve(document, media["schema"]!);
        var example = media["example"]!;
        var required = schema["required"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.NotEmpty(required);
        return new JsonObject(required.Select(name => KeyValuePair.Create(name, example[name]?.DeepClone())));
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;

    /// <summary>The path with its parameters filled from what the document's bodies created; null when nothing fills it (a month not computed).</summary>
    private static string? Address(string path, JsonNode operation, Dictionary<string, string> created)
    {
        foreach (var parameter in (operation["parameters"] as JsonArray ?? []).Where(p => (string?)p!["in"] == "path"))
        {
            var name = (string)parameter!["name"]!;
            var owner = path[..path.IndexOf("/{", StringComparison.Ordinal)];
            var key = owner + "/" + (name == "orderRef" ? "order_ref" : name);
            if (!created.TryGetValue(key, out var value))
            {
                return null;
            }

            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return path;
    }
}
