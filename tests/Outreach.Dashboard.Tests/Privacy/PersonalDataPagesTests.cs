using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Dashboard.Tests.Privacy;

/// <summary>
/// Every page, export and API the dashboard answers with a GET, rendered for the quarantined and registered readers of
/// the fixture: none shows an ID number, or the digits its mask hides (the birth date, in any form a date takes), and
/// no staff page shows a full name, phone number, email address or address. Only the access file, which is the
/// resident's own copy, names them. A route that appears without a sample here fails the test, so new pages are covered.
/// </summary>
public sealed class PersonalDataPagesTests(PersonalDataPagesFixture fixture) : IClassFixture<PersonalDataPagesFixture>
{
    [Fact]
    public async Task No_page_export_or_api_shows_what_a_mask_hides()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);
        var samples = Samples();
        var uncovered = GetRoutes().Where(pattern => !samples.ContainsKey(pattern)).ToList();
        Assert.True(uncovered.Count == 0, "Routes without a sample in this test: " + string.Join(", ", uncovered.Select(u => $"\"{u}\"")));

        var leaks = new List<string>();
        foreach (var (pattern, urls) in samples)
        {
            foreach (var (url, headers) in urls)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
                foreach (var (name, value) in headers)
                {
                    request.Headers.Add(name, value);
                }

                using var response = await admin.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.OK, $"GET {url} ({pattern}) answered {(int)response.StatusCode}");
                leaks.AddRange(Leaks(url, await response.Content.ReadAsStringAsync(), residentCopy: false));
            }
        }

        // The search for a resident by ID number, as the admin does it (posted, never in an address).
        using var found = await admin.SubmitAsync("/privacy", "/privacy?handler=Find", ("Term", fixture.Residents[0].IdNumber));
        var foundPage = await found.Content.ReadAsStringAsync();
        Assert.Contains(fixture.Residents[0].IdMasked, foundPage, StringComparison.Ordinal);
        leaks.AddRange(Leaks("POST /privacy?handler=Find", foundPage, residentCopy: false));

        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s):\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task The_quarantine_page_shows_each_refused_row_masked_and_nothing_that_rebuilds_its_id_number()
    {
        using var viewer = await fixture.SignedInAsync(TestAccounts.Viewer);

        var page = await viewer.PageAsync("/quarantine?community=GL03");

        var missingName = fixture.Residents[2];
        Assert.Contains("missing_name", page, StringComparison.Ordinal);
        Assert.Contains(missingName.IdMasked, page, StringComparison.Ordinal);
        Assert.Contains("unknown_status", page, StringComparison.Ordinal);
        Assert.Contains("malformed_row", page, StringComparison.Ordinal);
        Assert.Contains("王*华", await viewer.PageAsync($"/readers/{fixture.RegisteredReader}"), StringComparison.Ordinal);
        Assert.Empty(Leaks("/quarantine", page, residentCopy: false));
    }

    [Fact]
    public async Task The_access_file_names_the_resident_but_holds_no_birth_date_or_id_number()
    {
        using var admin = await fixture.SignedInAsync(TestAccounts.Admin);

        using var file = await admin.GetAsync($"/privacy?handler=Access&id={fixture.RegisteredReader}");
        var json = await file.Content.ReadAsStringAsync();

        var resident = fixture.Residents[0];
        Assert.Contains(resident.Phone, json, StringComparison.Ordinal);
        Assert.Contains(resident.Email, json, StringComparison.Ordinal);
        Assert.Contains(resident.IdMasked, json, StringComparison.Ordinal);
        Assert.Empty(Leaks("access file", json, residentCopy: true));
    }

    // Every GET route pattern of the dashboard (a page's Index alias folded into its folder).
    private List<string> GetRoutes() => fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains(HttpMethods.Get))
        .Select(e => Normalize(e.RoutePattern.RawText ?? ""))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Normalize(string pattern)
    {
        var path = "/" + pattern.Trim('/').ToLowerInvariant();
        return path == "/index" ? "/" : path.EndsWith("/index", StringComparison.Ordinal) ? path[..^"/index".Length] : path;
    }

    private Dictionary<string, List<(string Url, (string, string)[] Headers)>> Samples()
    {
        var none = Array.Empty<(string, string)>();
        var partner = new[] { ("X-Api-Key", PersonalDataPagesFixture.PartnerKey) };
        var town = new[] { ("X-Api-Key", PersonalDataPagesFixture.MetricsKey) };
        var website = new[] { ("X-Api-Key", PersonalDataPagesFixture.EventsKey) };
        var reader = fixture.RegisteredReader.ToString(CultureInfo.InvariantCulture);
        var erased = fixture.ErasedReader.ToString(CultureInfo.InvariantCulture);
        var digest = fixture.DigestId.ToString(CultureInfo.InvariantCulture);
        List<(string, (string, string)[])> Pages(params string[] urls) => urls.Select(u => (u, none)).ToList();

        return new(StringComparer.Ordinal)
        {
            ["/"] = Pages("/"),
            ["/login"] = Pages("/login"),
            // A GET of the logout page only redirects home; there is no event to read.
            ["/logout"] = [],
            ["/schedules"] = Pages("/schedules"),
            ["/runs"] = Pages("/runs", "/runs?job=sync"),
            ["/staff"] = Pages("/staff"),
            ["/account/password"] = Pages("/account/password"),
            ["/audit"] = Pages("/audit", "/audit?verify=true", $"/audit?target=reader:{reader}"),
            ["/sync"] = Pages("/sync", $"/sync?run={fixture.SyncRunId}"),
            ["/quarantine"] = Pages("/quarantine", "/quarantine?community=GL03&resolved=true"),
            ["/readers"] = Pages($"/readers?q={fixture.CardNumber}", "/readers?q=GL03-P001", "/readers?q=GL03-P002"),
            ["/readers/{id:long}"] = Pages($"/readers/{reader}", $"/readers/{erased}"),
            ["/orders"] = Pages("/orders", $"/orders?card={fixture.CardNumber}", "/orders?status=failed"),
            ["/orders/details/{orderref}"] = Pages($"/orders/details/{fixture.OrderRef}"),
            ["/orders/import"] = Pages("/orders/import"),
            ["/orders/new"] = Pages("/orders/new"),
            ["/orders/spend"] = Pages("/orders/spend"),
            ["/orders/stuck"] = Pages("/orders/stuck"),
            ["/digests"] = Pages("/digests"),
            ["/digests/{id:long}"] = Pages($"/digests/{digest}"),
            ["/digests/events"] = Pages("/digests/events"),
            ["/digests/events/edit/{id:long?}"] = Pages("/digests/events/edit"),
            ["/digests/preview"] = Pages("/digests/preview?community=GL03"),
            ["/digests/preview/html"] = Pages("/digests/preview/html?community=GL03"),
            ["/metrics"] = Pages("/metrics", $"/metrics?month={fixture.Month}"),
            ["/metrics/csv"] = Pages($"/metrics/csv?month={fixture.Month}"),
            ["/metrics/report"] = Pages($"/metrics/report?month={fixture.Month}"),
            ["/metrics/report.css"] = Pages("/metrics/report.css"),
            ["/metrics/prometheus"] = Pages("/metrics/prometheus"),
            ["/privacy"] = Pages("/privacy"),
            ["/privacy/receipt/{id:long}"] = Pages($"/privacy/receipt/{erased}"),
            ["/healthz"] = Pages("/healthz"),
            ["/hangfire/{**path}"] = Pages("/hangfire", "/hangfire/jobs/succeeded", "/hangfire/jobs/enqueued", "/hangfire/recurring"),
            ["/unsubscribe/{token}"] = Pages($"/unsubscribe/{fixture.Token}"),
            ["/unsubscribe/{token}/preferences"] = Pages($"/unsubscribe/{fixture.Token}/preferences"),
            ["/unsubscribe/resident.css"] = Pages("/unsubscribe/resident.css"),
            ["/api/book-requests/{orderref}"] = [($"/api/book-requests/{fixture.OrderRef}", partner)],
            ["/api/metrics"] = [("/api/metrics", town)],
            ["/api/metrics/{month}"] = [($"/api/metrics/{fixture.Month}", town)],
            ["/api/events"] = [("/api/events", website)],
            ["/api/events/{id:long}"] = [],
            ["/openapi"] = Pages("/openapi"),
            // An error page answers with its error status and shows only its own words.
            ["/error/{code:int}"] = [],
            ["/openapi/{documentname}.json"] = Pages("/openapi/v1.json"),
            ["/seats"] = Pages("/seats"),
            ["/seats/{eventid:long}"] = Pages($"/seats/{fixture.SeatEventId}"),
            ["/seats/{eventid:long}/checkin"] = Pages($"/seats/{fixture.SeatEventId}/checkin"),
            ["/seats/{eventid:long}/export.csv"] = Pages($"/seats/{fixture.SeatEventId}/export.csv"),
            ["/seats/checkin/{token}"] = Pages($"/seats/checkin/{fixture.CheckInToken}"),
            ["/events/{eventid:long}"] = Pages($"/events/{fixture.SeatEventId}"),
            ["/unsubscribe/{token}/seats/{eventid:long}"] = Pages($"/unsubscribe/{fixture.Token}/seats/{fixture.SeatEventId}"),
        };
    }

    /// <summary>What on this page gives away what a mask hides, or (on staff pages) what is shown only masked.</summary>
    private List<string> Leaks(string where, string body, bool residentCopy)
    {
        var leaks = new List<string>();
        foreach (var r in fixture.Residents)
        {
            var birth = r.BirthDate;
            string[] hidden =
            [
                r.IdNumber, r.IdNumber[..17], birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                birth.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), birth.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
                birth.ToString("yyyy-M-d", CultureInfo.InvariantCulture), birth.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
                $"{birth.Year}年{birth.Month}月{birth.Day}日", $"{birth.Year}年{birth.Month:00}月{birth.Day:00}日",
            ];
            leaks.AddRange(hidden.Where(h => body.Contains(h, StringComparison.Ordinal)).Select(h => $"{where}: {r.ResidentId}'s hidden digits as '{h}'"));
            if (!residentCopy)
            {
                string[] masked = [r.Phone, r.Email, r.Address, .. r.Name.Length > 1 ? [r.Name] : Array.Empty<string>()];
                leaks.AddRange(masked.Where(m => body.Contains(m, StringComparison.Ordinal)).Select(m => $"{where}: {r.ResidentId}'s '{m}' unmasked"));
            }
        }

        return leaks;
    }
}
