using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Dashboard.Tests.Hosting;
using Outreach.Integrations.Time;
using Outreach.Sandbox.Hosting;
using Outreach.Worker.Digests.Events;
using Outreach.Worker.Digests.Links;

namespace Outreach.Dashboard.Tests.Digests;

/// <summary>The dashboard with communities, mail to the sandbox's SMTP catcher, an events API key and readers to mail.</summary>
public sealed class DigestDashboardFixture : DashboardFixture
{
    public const string ApiKey = "events-api-key-for-the-dashboard-tests";
    public const string OperatorEmail = "otto@lib.example.cn";

    public SandboxHost Sandbox { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await base.InitializeAsync();
        await ExecuteAsync("UPDATE outreach.staff SET email = $1 WHERE username = $2", OperatorEmail, TestAccounts.Operator);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public DigestTokens Tokens => Get<DigestTokens>();

    /// <summary>Inserts readers of a community, opted in; their ids.</summary>
    public async Task<List<long>> AddReadersAsync(string community, int first, int count)
    {
        var ids = new List<long>();
        for (var i = first; i < first + count; i++)
        {
            ids.Add(await ScalarAsync("""
                INSERT INTO outreach.readers (community, resident_id, name, name_masked, email, status, wants_card, email_opt_in, row_hash, created_at, updated_at)
                VALUES ($1, $2, '测试居民', '测*', $3, 'active', true, true, '\x01'::bytea, now(), now())
                RETURNING id
                """, community, string.Create(CultureInfo.InvariantCulture, $"{community}-{i:0000000}"), string.Create(CultureInfo.InvariantCulture, $"d{i}@mail.example.cn")));
        }

        return ids;
    }

    public Task<LibraryEvent> AddEventAsync(string title, int inDays, string community)
    {
        var calendar = Get<LibraryCalendar>();
        var start = calendar.StartOf(calendar.Today.AddDays(inDays)).AddHours(19);
        return Get<EventStore>().CreateAsync(new EventDraft("film_salon", title, "简介", "报告厅", start, start.AddHours(2), [community], 30, null),
            EventStore.StaffSource, CancellationToken.None);
    }

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        foreach (var code in new[] { "GL01", "GL03" })
        {
            settings[$"Outreach:Communities:{code}:Name"] = $"古林{code}社区";
            settings[$"Outreach:Communities:{code}:PopulationServed"] = "1000";
            settings[$"Outreach:Communities:{code}:Kind"] = "Csv";
            settings[$"Outreach:Communities:{code}:DropFolder"] = Path.Combine(Path.GetTempPath(), "outreach-dashboard-digests", code);
        }

        settings["Outreach:Mail:Host"] = "127.0.0.1";
        settings["Outreach:Mail:Port"] = Sandbox.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Outreach:Mail:Security"] = "None";
        settings["Outreach:Mail:From"] = "library@lib.example.cn";
        settings["Outreach:Mail:BounceAddress"] = "bounces@lib.example.cn";
        settings["Outreach:Mail:MessagesPerSecond"] = "0";
        settings["Outreach:Dashboard:PublicBaseUrl"] = "http://127.0.0.1:5998";
        settings["Outreach:Digests:ApiKeys:website"] = ApiKey;
    }
}
