using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Npgsql;
using Outreach.Demo.Hosting;
using Outreach.Sandbox.Hosting;
using Outreach.Testing;
using Outreach.Worker.Digests.Bounces;
using Outreach.Worker.Hosting;
using Outreach.Worker.Jobs;
using Outreach.Worker.Readers.Sync;

namespace Outreach.Demo.Tests.Hosting;

/// <summary>The demo's hub against the sandbox it starts: the schedules that read the outside world succeed, and the
/// README's way to make something fail does.</summary>
public sealed partial class DemoSandboxTests : IAsyncLifetime
{
    private const string Token = "demo-test-token-gl01";
    private readonly HubHosts _hosts = new();
    private SandboxHost _sandbox = null!;
    private NpgsqlDataSource _db = null!;
    private IHost _hub = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        _sandbox.Communities.Seed("GL01", Token, []);
        var connectionString = await TestPostgres.CreateDatabaseAsync("demo_sandbox");
        var settings = HubHosts.BaseSettings(connectionString);
        foreach (var (key, value) in DemoFeatures.BounceMailboxSettings(_sandbox.Bounces.Port))
        {
            settings[key] = value;
        }

        settings["Outreach:Communities:GL01:Name"] = "古林社区";
        settings["Outreach:Communities:GL01:PopulationServed"] = "1000";
        settings["Outreach:Communities:GL01:Kind"] = "Rest";
        settings["Outreach:Communities:GL01:BaseUrl"] = _sandbox.CommunityBaseUrl("GL01").ToString();
        settings["Outreach:Communities:GL01:Token"] = Token;
        _hub = await _hosts.StartAsync(HostRole.Client, settings);
        _db = NpgsqlDataSource.Create(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await _db.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task The_bounces_schedule_reads_the_sandbox_mailbox_the_demo_configures_and_succeeds()
    {
        _sandbox.Bounces.Deliver(new MimeMessage(
            [new MailboxAddress("居民", "resident@example.cn")], [new MailboxAddress("退信", "bounces@library.example.cn")], "问一下活动时间",
            new TextPart("plain") { Text = "不是退信。" }));

        await _hub.Services.GetRequiredService<BounceMailboxJob>().RunAsync(CancellationToken.None);

        Assert.Equal("succeeded", await LastRunAsync("bounces"));
        Assert.Single(_sandbox.Bounces.Mailbox(), m => m.Seen);
    }

    [Fact]
    public async Task The_READMEs_fault_makes_the_next_sync_fail_for_staff_to_retry_and_the_retry_succeeds_once_it_is_cleared()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var fault = FaultExample().Match(readme);
        Assert.True(fault.Success, "README's 'Make something fail' has no curl -d '{...}' example.");
        using var http = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        using (var posted = await http.PostAsync("_sandbox/faults", new StringContent(fault.Groups["json"].Value, System.Text.Encoding.UTF8, "application/json")))
        {
            posted.EnsureSuccessStatusCode();
        }

        var sync = _hub.Services.GetRequiredService<RosterSync>();
        // Not something Hangfire's retries absorb: the run fails for good at once and waits for staff.
        await Assert.ThrowsAsync<PermanentJobFailureException>(() => sync.RunAsync("GL01", CancellationToken.None));
        Assert.Equal("failed", await LastRunAsync("sync"));

        (await http.DeleteAsync("_sandbox/faults")).EnsureSuccessStatusCode();
        await sync.RunAsync("GL01", CancellationToken.None);
        Assert.Equal("succeeded", await LastRunAsync("sync"));
    }

    private async Task<string?> LastRunAsync(string job)
    {
        await using var command = _db.CreateCommand("SELECT status FROM outreach.job_runs WHERE job = $1 ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue(job);
        return (string?)await command.ExecuteScalarAsync();
    }

    [GeneratedRegex(@"\*\*Make something fail\*\*.*?-d '(?<json>\{[^']*\})'", RegexOptions.Singleline)]
    private static partial Regex FaultExample();
}
