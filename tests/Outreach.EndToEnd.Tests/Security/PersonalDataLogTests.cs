using System.Text;
using Outreach.EndToEnd.Tests.Hosting;
using Outreach.Sandbox.Communities;
using Outreach.Sandbox.Faults;
using Outreach.Testing;

namespace Outreach.EndToEnd.Tests.Security;

/// <summary>
/// Roster syncs of the sample data (a GB18030 csv drop with bad rows, the rest API with a transient fault and one with a
/// refused token) logged at Trace in every category: no ID number, phone number or email address of the data appears in
/// a log line, in a run row's message, or in an exception Hangfire kept.
/// </summary>
public sealed class PersonalDataLogTests : IAsyncLifetime
{
    private const string CsvSample = "residents_GL03_20261120.csv";
    private const string RestSample = "residents_GL01_snapshot.json";

    private readonly LogCapture _logs = new();
    private HubWorld _world = null!;

    public async Task InitializeAsync() => _world = await HubWorld.StartAsync("pii", new WorldOptions
    {
        Configure = settings =>
        {
            settings["Outreach:Hangfire:AutomaticRetries"] = "0";
            settings["Logging:LogLevel:Default"] = "Warning";
        },
        WorkerServices = _logs.AddTo,
        DashboardServices = _logs.AddTo,
    });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task No_personal_data_of_the_synced_rosters_reaches_a_log_line_or_a_stored_message()
    {
        File.Copy(TestData(CsvSample), Path.Combine(_world.DropRoot, "GL03", CsvSample));
        var restResidents = SnapshotFile.Load(TestData(RestSample));
        var refusedResidents = Residents.Range("GL02", 1, 20);
        _world.Sandbox.Communities.Seed("GL01", HubSettings.TokenOf("GL01"), restResidents);
        _world.Sandbox.Communities.Seed("GL02", HubSettings.TokenOf("GL02"), refusedResidents);
        _world.Sandbox.Faults.Add(FaultRule.ServerError(2, "GL01", CommunityRoutes.Residents));
        _world.Sandbox.Faults.Add(FaultRule.BadToken("GL02"));

        var csv = _world.Enqueue("sync", ("community", "GL03"));
        var rest = _world.Enqueue("sync", ("community", "GL01"));
        var refused = _world.Enqueue("sync", ("community", "GL02"));
        await _world.WaitForStateAsync(csv, "Succeeded", TimeSpan.FromSeconds(60));
        await _world.WaitForStateAsync(rest, "Succeeded", TimeSpan.FromSeconds(60));
        await _world.WaitForStateAsync(refused, "Failed", TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(() => _world.CountAsync("SELECT count(*) FROM hangfire.job WHERE statename NOT IN ('Succeeded', 'Failed')"),
            open => open == 0, TimeSpan.FromSeconds(60), "the card pushes after the syncs finished");
        using (var admin = await _world.SignedInAsync(TestAccounts.Admin))
        {
            foreach (var page in new[] { "/", "/runs", "/sync", "/quarantine", "/readers", "/hangfire/jobs/failed" })
            {
                await admin.PageAsync(page);
            }
        }

        var personal = PersonalValues(restResidents.Concat(refusedResidents)).Concat(CsvPersonalValues(TestData(CsvSample))).ToHashSet();
        var stored = (await _world.ListAsync("SELECT coalesce(message, '') FROM outreach.job_runs"))
            .Concat(await _world.ListAsync("SELECT data::text FROM hangfire.state WHERE name = 'Failed'"))
            .ToList();

        Assert.True(_logs.Lines.Count > 1000, $"only {_logs.Lines.Count} log lines were captured: is Trace logging on?");
        Assert.Contains(_logs.Lines, line => line.Contains("Roster sync GL03 run", StringComparison.Ordinal));
        Assert.True(personal.Count > 2000, $"only {personal.Count} personal values were read from the samples");
        Assert.True(stored.Count >= 4, "the runs left no messages to scan");
        var leaks = _logs.Lines.Concat(stored)
            .SelectMany(line => personal.Where(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)).Select(value => (value, line)))
            .Take(10)
            .ToList();
        Assert.True(leaks.Count == 0, "Personal data in logs or stored messages:\n" + string.Join("\n", leaks.Select(l => $"{l.value} in: {l.line}")));
    }

    private static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    // Shorter values (a malformed phone of a bad row) would match unrelated numbers; real ones are 11 digits or more.
    private static IEnumerable<string> PersonalValues(IEnumerable<SimResident> residents) =>
        residents.SelectMany(r => new[] { r.IdNumber, r.Phone, r.Email }).Where(v => v.Length >= 8);

    // The sample's columns: resident id, name, ID number, phone, email, address, birth date, status, wants a card, opt-in, updated.
    private static IEnumerable<string> CsvPersonalValues(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return File.ReadAllLines(path, Encoding.GetEncoding("GB18030"))
            .Skip(1)
            .Select(line => line.Split(','))
            .SelectMany(fields => new[] { fields[2], fields[3], fields[4] })
            .Select(value => value.Trim())
            .Where(value => value.Length >= 8);
    }
}
