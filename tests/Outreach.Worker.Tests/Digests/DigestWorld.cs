using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Sending;
using Outreach.Worker.Hosting;

namespace Outreach.Worker.Tests.Digests;

/// <summary>
/// A hub against its own database and the sandbox's SMTP catcher on loopback, with communities GL01 to GL03 and
/// readers inserted straight into the registry.
/// </summary>
public sealed class DigestWorld : IAsyncDisposable
{
    public const string From = "library@lib.example.cn";
    public const string Bounces = "bounces@lib.example.cn";
    public const string PublicBaseUrl = "http://127.0.0.1:5999";

    private readonly HubHosts _hosts = new();

    private DigestWorld(SandboxHost sandbox) => Sandbox = sandbox;

    public SandboxHost Sandbox { get; }

    public IHost Hub { get; private set; } = null!;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => Hub.Services;

    public T Get<T>() where T : notnull => Hub.Services.GetRequiredService<T>();

    public IsoWeek Week => Get<LibraryCalendar>().ThisWeek;

    public static async Task<DigestWorld> StartAsync(string purpose, Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var world = new DigestWorld(await SandboxHost.StartAsync(new SandboxOptions()));
        world.ConnectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var settings = Settings(world.ConnectionString, world.Sandbox.SmtpPort);
        configure?.Invoke(settings);
        world.Hub = await world._hosts.StartAsync(HostRole.Client, settings, services);
        world.Db = NpgsqlDataSource.Create(world.ConnectionString);
        return world;
    }

    public static Dictionary<string, string?> Settings(string connectionString, int smtpPort)
    {
        var settings = HubHosts.BaseSettings(connectionString);
        foreach (var code in new[] { "GL01", "GL02", "GL03" })
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"古林{code}社区";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-digest-tests", code);
        }

        settings["Outreach:Mail:Host"] = "127.0.0.1";
        settings["Outreach:Mail:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Mail:Security"] = "None";
        settings["Outreach:Mail:From"] = From;
        settings["Outreach:Mail:FromName"] = "古林镇图书馆";
        settings["Outreach:Mail:ReplyTo"] = "events@lib.example.cn";
        settings["Outreach:Mail:BounceAddress"] = Bounces;
        settings["Outreach:Mail:MessagesPerSecond"] = "0";
        settings["Outreach:Mail:Connections"] = "4";
        settings["Outreach:Mail:MessagesPerConnection"] = "25";
        settings["Outreach:Mail:RetryDelay"] = "00:00:00.010";
        settings["Outreach:Mail:MessageTimeout"] = "00:00:10";
        settings["Outreach:Digests:PublicBaseUrl"] = PublicBaseUrl;
        settings["Outreach:Digests:ProgressInterval"] = "00:00:00.200";
        return settings;
    }

    /// <summary>Inserts readers r{first}..r{first+count-1}@mail.example.cn of a community, opted in unless said otherwise; their ids.</summary>
    public async Task<List<long>> AddReadersAsync(string community, int first, int count, bool optedIn = true, string status = "active")
    {
        await using var command = Db.CreateCommand("""
            INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
            SELECT $1, $1 || '-' || lpad(i::text, 7, '0'), '测试居民' || i, '测*', 'r' || i || '@mail.example.cn', $4, true, $5, '\x01'::bytea, now(), now()
            FROM generate_series($2, $2 + $3 - 1) AS i
            RETURNING id
            """);
        command.Parameters.AddWithValue(community);
        command.Parameters.AddWithValue(first);
        command.Parameters.AddWithValue(count);
        command.Parameters.AddWithValue(status);
        command.Parameters.AddWithValue(optedIn);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    public static string Address(int serial) => string.Create(CultureInfo.InvariantCulture, $"r{serial}@mail.example.cn");

    /// <summary>An event of the coming days, for the given communities (none: all).</summary>
    public Task<LibraryEvent> AddEventAsync(string title, int inDays, string kind = "lecture", params string[] communities)
    {
        var calendar = Get<LibraryCalendar>();
        var start = calendar.StartOf(calendar.Today.AddDays(inDays)).AddHours(14);
        return Get<EventStore>().CreateAsync(new EventDraft(kind, title, "讲座简介：" + title, "图书馆报告厅", start, start.AddHours(2), communities,
            50, "https://lib.example.cn/register/1"), EventStore.StaffSource, CancellationToken.None);
    }

    public Task<IReadOnlyDictionary<string, long>> RunDigestAsync(string community, CancellationToken cancellationToken = default) =>
        Get<DigestRun>().RunAsync(community, Week, cancellationToken);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.AddWithValue(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<string> ScalarTextAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.AddWithValue(parameter);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.AddWithValue(parameter);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many copies each recipient address received.</summary>
    public Dictionary<string, int> CopiesByRecipient() => Sandbox.Mail.Messages
        .SelectMany(m => m.To)
        .GroupBy(a => a, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await Db.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
