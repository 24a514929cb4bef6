using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Bookstore;
using Outreach.Sandbox.Bookstore;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Hosting;
using Outreach.Worker.Orders.Fulfilment;
using Outreach.Worker.Orders.Intake;
using Outreach.Worker.Orders.Notices;
using Outreach.Worker.Orders.Push;

namespace Outreach.Worker.Tests.Orders;

/// <summary>
/// A hub against its own database, the sandbox's bookstore and SMTP catcher, and the hub's webhook endpoint on a
/// loopback port (the same receiver the dashboard maps), with readers and cards to order for.
/// </summary>
public sealed class OrdersWorld : IAsyncDisposable
{
    public const string Budget = "SOC-2026";
    public const string WebhookSecret = "orders-test-webhook-secret";
    public const string Book = "9787020002207";
    public const string BookTitle = "红楼梦";

    private readonly HubHosts _hosts = new();
    private WebApplication? _webhookEndpoint;

    private OrdersWorld(SandboxHost sandbox) => Sandbox = sandbox;

    public SandboxHost Sandbox { get; }

    public BookstoreSimulator Bookstore => Sandbox.Bookstore;

    public IHost Hub { get; private set; } = null!;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public static async Task<OrdersWorld> StartAsync(string purpose, HostRole role = HostRole.Client, Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var world = new OrdersWorld(await SandboxHost.StartAsync(new SandboxOptions()));
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var settings = HubHosts.BaseSettings(connectionString);
        settings["Outreach:Resilience:RetryBaseDelay"] = "00:00:00.010";
        settings["Outreach:Resilience:RetryMaxDelay"] = "00:00:00.200";
        settings["Outreach:Bookstore:BaseUrl"] = world.Sandbox.BookstoreBaseUrl().ToString();
        settings["Outreach:Bookstore:Token"] = BookstoreSimulator.DefaultToken;
        settings["Outreach:Bookstore:WebhookSecret"] = WebhookSecret;
        settings[$"Outreach:Orders:BudgetLines:{Budget}:Name"] = "Social service 2026";
        settings[$"Outreach:Orders:BudgetLines:{Budget}:MonthlyCap"] = "1000";
        settings["Outreach:Mail:Host"] = "127.0.0.1";
        settings["Outreach:Mail:Port"] = world.Sandbox.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Outreach:Mail:Security"] = "None";
        settings["Outreach:Mail:From"] = "library@outreach.test";
        settings["Outreach:Mail:FromName"] = "图书馆 Outreach";
        settings["Outreach:Mail:RetryDelay"] = "00:00:00.020";
        settings["Outreach:Mail:MessagesPerSecond"] = "0";
        foreach (var (code, name) in new[] { ("GL01", "古林"), ("GL03", "茂新") })
        {
            settings[$"Outreach:Communities:{code}:Name"] = name;
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Rest";
            settings[$"Outreach:Communities:{code}:BaseUrl"] = world.Sandbox.CommunityBaseUrl(code).ToString();
            settings[$"Outreach:Communities:{code}:Token"] = $"sandbox-{code}";
        }

        configure?.Invoke(settings);
        world.Hub = await world._hosts.StartAsync(role, settings, services);
        world.Db = NpgsqlDataSource.Create(connectionString);
        world._webhookEndpoint = await StartWebhookEndpointAsync(world.Hub.Services);
        var address = world._webhookEndpoint.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        world.Bookstore.Webhook = new WebhookTarget(new Uri(new Uri(address), "webhooks/bookstore"), WebhookSecret);
        return world;
    }

    public T Get<T>()
        where T : notnull => Hub.Services.GetRequiredService<T>();

    /// <summary>A reader of <paramref name="community"/> with a card; returns the card number.</summary>
    public async Task<string> ReaderAsync(string community = "GL01", string? email = "reader@example.test", string cardStatus = "active", string name = "邱叶")
    {
        await using var command = Db.CreateCommand("""
            WITH reader AS (
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
                VALUES ($1, gen_random_uuid()::text, $2, '邱*', $3, 'active', true, false, '\x00', now(), now())
                RETURNING id)
            INSERT INTO outreach.cards (reader_id, card_number, status, issued_on, updated_at)
            SELECT id, outreach.next_card_number(), $4, current_date, now() FROM reader
            RETURNING card_number
            """);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue(cardStatus);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static BookRequest Request(string card, string isbn = Book, string title = BookTitle, int quantity = 1, decimal price = 45m,
        string? externalRef = null, string? deliverTo = null, string? community = null) => new()
    {
        CardNumber = card,
        Isbn = isbn,
        Title = title,
        Quantity = quantity,
        UnitPrice = price,
        BudgetCode = Budget,
        DeliverTo = deliverTo,
        DeliverCommunity = community,
        ExternalRef = externalRef,
    };

    public Task<IntakeResult> SubmitAsync(BookRequest request, RequestSource? source = null) =>
        Get<BookRequestIntake>().SubmitAsync(request, source ?? RequestSource.Partner("portal-gl01"), CancellationToken.None);

    /// <summary>Submits and expects the request to be stored as pending; its order_ref.</summary>
    public async Task<string> OrderAsync(BookRequest request)
    {
        var result = await SubmitAsync(request);
        Assert.True(result.Verdict == IntakeVerdict.Accepted, string.Join("; ", result.Reasons));
        return result.OrderRef!;
    }

    public Task<IReadOnlyDictionary<string, long>> PushAsync() => Get<OrderPush>().RunAsync(CancellationToken.None);

    public Task<IReadOnlyDictionary<string, long>> PollAsync() => Get<FeedPoll>().RunAsync(CancellationToken.None);

    public Task<IReadOnlyDictionary<string, long>> NotifyAsync() => Get<ReaderNotices>().RunAsync(CancellationToken.None);

    public async Task<string> StatusAsync(string orderRef) =>
        (await ListAsync("SELECT status FROM outreach.book_orders WHERE order_ref = $1", orderRef)).Single();

    /// <summary>The order's history as "kind from→to", oldest first.</summary>
    public Task<List<string>> HistoryAsync(string orderRef) => ListAsync("""
        SELECT e.kind || ' ' || coalesce(e.from_status, '') || '→' || coalesce(e.to_status, '') FROM outreach.book_order_events e
        JOIN outreach.book_orders o ON o.id = e.order_id WHERE o.order_ref = $1 ORDER BY e.id
        """, orderRef);

    public Task<long> CountAsync(string sql, params object[] parameters) => Db.ScalarAsync(sql, parameters);

    public Task ExecuteAsync(string sql, params object[] parameters) => Db.ExecuteAsync(sql, parameters);

    public Task<List<string>> ListAsync(string sql, params object[] parameters) => Db.ListAsync(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        if (_webhookEndpoint is not null)
        {
            await _webhookEndpoint.StopAsync();
            await _webhookEndpoint.DisposeAsync();
        }

        await _hosts.DisposeAsync();
        await Db.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    // The hub's webhook route as the dashboard maps it: headers and raw body in, the receiver's verdict out.
    private static async Task<WebApplication> StartWebhookEndpointAsync(IServiceProvider hub)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/webhooks/bookstore", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var verdict = await hub.GetRequiredService<BookstoreWebhook>().ReceiveAsync(
                context.Request.Headers[WebhookSignature.TimestampHeader], context.Request.Headers[WebhookSignature.SignatureHeader],
                body.ToArray(), context.RequestAborted);
            return Results.Text(verdict.Message, statusCode: verdict.StatusCode);
        });
        await app.StartAsync();
        return app;
    }
}
