using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Communities;

namespace Outreach.Integrations.Tests.Communities.Rest;

/// <summary>Community GL01 of kind rest, pointed at a simulator, wired as a host would with fast retries.</summary>
internal sealed class RestCommunityFixture : IAsyncDisposable
{
    public const string Token = "gl01-secret-token";

    private readonly ServiceProvider _services;

    private RestCommunityFixture(CommunityApiSimulator api, IDictionary<string, string?> extraSettings)
    {
        Api = api;
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Communities:GL01:Name"] = "古林",
            ["Outreach:Communities:GL01:PopulationServed"] = "1200",
            ["Outreach:Communities:GL01:Kind"] = "rest",
            ["Outreach:Communities:GL01:BaseUrl"] = api.BaseUrl.ToString(),
            ["Outreach:Communities:GL01:Token"] = Token,
            ["Outreach:Communities:GL01:PageSize"] = "2",
        };
        foreach (var (key, value) in extraSettings)
            settings[key] = value;
        _services = TestServices.Build(settings);
    }

    public CommunityApiSimulator Api { get; }

    public ICommunityDirectory Directory => _services.GetRequiredService<ICommunityDirectory>();

    public ICardStatusPublisher Publisher => _services.GetRequiredService<ICardStatusPublisher>();

    public static async Task<RestCommunityFixture> StartAsync(Func<HttpContext, SeenRequest, Task> answer, IDictionary<string, string?>? settings = null) =>
        new(await CommunityApiSimulator.StartAsync(answer), settings ?? new Dictionary<string, string?>());

    public async Task<(RosterReading Reading, List<ResidentRow> Rows)> ReadRosterAsync(string? sinceCursor = null)
    {
        var reading = await Directory.OpenRosterAsync("GL01", sinceCursor, CancellationToken.None);
        var rows = new List<ResidentRow>();
        await foreach (var row in reading!.ReadAsync(CancellationToken.None))
            rows.Add(row);
        return (reading, rows);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Api.DisposeAsync();
    }
}

internal static class Answers
{
    public static Task Json(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static string Resident(string id, string? updatedAt = "2026-11-17T07:11:00+08:00") =>
        $$"""{"resident_id":"{{id}}","name":"邱叶","id_number":"330203195201203883","phone":"19317066907","email":"","address":"古林镇古林路118号","birth_date":"1952-01-20","status":"active","wants_library_card":true,"email_opt_in":false,"updated_at":{{(updatedAt is null ? "null" : $"\"{updatedAt}\"")}}}""";

    public static string Page(IEnumerable<string> ids, string? next, string? cursor = null) =>
        $$"""{"residents":[{{string.Join(",", ids.Select(id => Resident(id)))}}],"next":{{Quoted(next)}},"cursor":{{Quoted(cursor)}}}""";

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";
}
