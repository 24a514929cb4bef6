using System.Globalization;
using System.Net;
using System.Text;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;

namespace Outreach.Worker.Tests.Digests;

public sealed class CalendarFeedImportTests
{
    [Fact]
    public async Task A_feed_is_imported_with_recurring_events_expanded_and_a_vanished_occurrence_cancelled()
    {
        using var feed = new FeedServer();
        await using var world = await DigestWorld.StartAsync("feed_import", s =>
        {
            s["Outreach:Digests:Feeds:library:Url"] = feed.Url;
            s["Outreach:Digests:Feeds:library:Kind"] = "lecture";
            s["Outreach:Digests:Feeds:library:Communities:0"] = "GL03";
            s["Outreach:Digests:Feeds:library:ExpandDays"] = "60";
        });
        var first = world.Get<LibraryCalendar>().Today.AddDays(2);
        feed.Content = Feed(first, count: 6, exdate: first.AddDays(14));
        var import = world.Get<CalendarFeedImport>();

        await import.RunAsync("library", CancellationToken.None);

        var events = await world.Get<EventStore>().ListAsync(world.Get<LibraryCalendar>().StartOf(first.AddDays(-1)), world.Get<LibraryCalendar>().StartOf(first.AddDays(60)),
            includeCancelled: false, CancellationToken.None);
        var lectures = events.Where(e => e.Title == "每周微讲堂").ToList();
        Assert.Equal(5, lectures.Count);
        Assert.DoesNotContain(lectures, e => DateOnly.FromDateTime(world.Get<LibraryCalendar>().Local(e.StartsAt).DateTime) == first.AddDays(14));
        Assert.All(lectures, e =>
        {
            Assert.Equal(19, world.Get<LibraryCalendar>().Local(e.StartsAt).Hour);
            Assert.Equal(["GL03"], e.Communities);
            Assert.Equal("lecture", e.Kind);
            Assert.Equal("feed:library", e.Source);
        });
        var salon = Assert.Single(events, e => e.Title == "影评沙龙：城南旧事");
        Assert.Equal("film_salon", salon.Kind);

        // The library drops an occurrence and edits the salon: the next import follows, and nothing is duplicated.
        feed.Content = Feed(first, count: 5, exdate: first.AddDays(14)).Replace("城南旧事", "城南旧事（加映）", StringComparison.Ordinal);
        await import.RunAsync("library", CancellationToken.None);

        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM outreach.events WHERE cancelled AND title = '每周微讲堂'"));
        Assert.Equal(4, await world.ScalarAsync("SELECT count(*) FROM outreach.events WHERE NOT cancelled AND title = '每周微讲堂'"));
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM outreach.events WHERE title LIKE '影评沙龙%' AND NOT cancelled"));
        Assert.Equal("影评沙龙：城南旧事（加映）", await world.ScalarTextAsync("SELECT title FROM outreach.events WHERE title LIKE '影评沙龙%' AND NOT cancelled"));
    }

    private static string Feed(DateOnly first, int count, DateOnly exdate) => string.Join("\r\n",
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Library//Calendar//ZH",
        "BEGIN:VEVENT",
        "UID:weekly-lecture@lib.example.cn",
        "DTSTAMP:20261101T000000Z",
        $"DTSTART;TZID=Asia/Shanghai:{first:yyyyMMdd}T190000",
        $"DTEND;TZID=Asia/Shanghai:{first:yyyyMMdd}T203000",
        $"RRULE:FREQ=WEEKLY;COUNT={count}",
        $"EXDATE;TZID=Asia/Shanghai:{exdate:yyyyMMdd}T190000",
        "SUMMARY:每周微讲堂",
        "LOCATION:图书馆报告厅",
        "DESCRIPTION:面向社区居民的公益讲座",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:salon-1@lib.example.cn",
        "DTSTAMP:20261101T000000Z",
        $"DTSTART;TZID=Asia/Shanghai:{first.AddDays(3):yyyyMMdd}T140000",
        $"DTEND;TZID=Asia/Shanghai:{first.AddDays(3):yyyyMMdd}T163000",
        "CATEGORIES:影评沙龙",
        "SUMMARY:影评沙龙：城南旧事",
        "URL:https://lib.example.cn/salon",
        "END:VEVENT",
        "END:VCALENDAR",
        "");

    /// <summary>Serves the feed over HTTP on loopback, as the library's calendar would.</summary>
    private sealed class FeedServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public FeedServer()
        {
            var port = FreePort();
            Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/calendar.ics");
            _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public string Content { get; set; } = "";

        public void Dispose()
        {
            _listener.Close();
            _ = _serving.Exception;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception failure) when (failure is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var body = Encoding.UTF8.GetBytes(Content);
                context.Response.ContentType = "text/calendar; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
