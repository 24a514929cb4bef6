using System.Text;
using MimeKit;
using Outreach.Worker.Digests.Content;
using Outreach.Worker.Digests.Links;

namespace Outreach.Worker.Tests.Digests;

public sealed class DigestBodyTemplateTests
{
    private static readonly FormatOptions Dos = new() { NewLineFormat = NewLineFormat.Dos };

    private static readonly string Text = string.Concat(Enumerable.Repeat("本周活动：微讲堂、读书协会、影评沙龙。Weekly events for residents. ", 12))
        + $"退订：{DigestTemplate.UnsubscribeUrl}\n偏好：{DigestTemplate.PreferencesUrl}\n"
        + string.Concat(Enumerable.Repeat("欢迎社区居民参加。", 40)) + $"\n再次退订 {DigestTemplate.UnsubscribeUrl} 完。";

    private static readonly string Html = $"<html><body><p>{string.Concat(Enumerable.Repeat("古林镇社区活动周报 ", 30))}</p>"
        + $"<a href=\"{DigestTemplate.UnsubscribeUrl}\">退订活动周报</a> <a href=\"{DigestTemplate.PreferencesUrl}\">选择活动</a></body></html>";

    private static ReaderLinks Links(string token) => new(
        $"https://outreach.example.org/unsubscribe/{token}", $"https://outreach.example.org/preferences/{token}",
        $"mailto:unsubscribe@lib.example.cn?subject=unsubscribe%20{token}", token);

    private static Multipart Whole(PersonalizedBody text, PersonalizedBody html, ReaderLinks links,
        List<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)> texts)
    {
        TextPart Part(PersonalizedBody body, string subtype)
        {
            var offsets = new List<ReaderLink>();
            var utf8 = body.Render(Encoding.ASCII.GetBytes(links.UnsubscribeUrl), Encoding.ASCII.GetBytes(links.PreferencesUrl), offsets);
            texts.Add((utf8, offsets));
            return PersonalizedBody.Encoded(new TextPart(subtype), utf8);
        }

        var mixed = new Multipart("mixed") { new MultipartAlternative { Part(text, "plain"), Part(html, "html") } };
        mixed.Add(PersonalizedBody.Encoded(new MimePart("text", "calendar") { FileName = "event-1.ics" },
            Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")));
        return mixed;
    }

    private static byte[] Write(MimeEntity entity, FormatOptions options, bool contentOnly)
    {
        using var stream = new MemoryStream();
        entity.WriteTo(options, stream, contentOnly);
        return stream.ToArray();
    }

    [Fact]
    public void A_spliced_body_is_byte_for_byte_the_body_MimeKit_composes_for_that_reader()
    {
        var (text, html) = (new PersonalizedBody(Text), new PersonalizedBody(Html));
        var first = Links("AAAAAAAAAAAAAAAAAAAAAAAAAA");
        var template = DigestBodyTemplate.Create(Whole(text, html, first, []), first, TextsOf(text, html, first));
        Assert.NotNull(template);

        foreach (var token in new[] { "b7Qz9kLm2Xp4Rt6Vw8Yc0Ed3Fg", "zzzzzzzzzzzzzzzzzzzzzzzzzz", "AAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            var links = Links(token);
            var spliced = template.For(links);
            Assert.NotNull(spliced);
            var whole = Whole(text, html, links, []);
            var expected = Encoding.ASCII.GetString(Write(whole, Dos, contentOnly: true));
            var actual = Encoding.ASCII.GetString(Write(spliced, Dos, contentOnly: true));

            // MimeKit draws new random boundaries for every multipart: they are the only bytes allowed to differ.
            Assert.Equal(WithoutBoundaries(expected), WithoutBoundaries(actual));
        }
    }

    [Fact]
    public void A_spliced_body_written_whole_or_with_unix_newlines_parses_back_to_the_readers_own_links()
    {
        var (text, html) = (new PersonalizedBody(Text), new PersonalizedBody(Html));
        var first = Links("AAAAAAAAAAAAAAAAAAAAAAAAAA");
        var template = DigestBodyTemplate.Create(Whole(text, html, first, []), first, TextsOf(text, html, first))!;
        var reader = Links("b7Qz9kLm2Xp4Rt6Vw8Yc0Ed3Fg");

        foreach (var options in new[] { Dos, new FormatOptions { NewLineFormat = NewLineFormat.Unix } })
        {
            var parsed = Assert.IsType<Multipart>(MimeEntity.Load(new MemoryStream(Write(template.For(reader)!, options, contentOnly: false))));
            var alternative = Assert.IsType<MultipartAlternative>(parsed[0]);
            var plain = alternative.OfType<TextPart>().Single(p => p.IsPlain).Text;
            var markup = alternative.OfType<TextPart>().Single(p => p.IsHtml).Text;
            Assert.Equal(2, CountOf(plain, reader.UnsubscribeUrl));
            Assert.Contains(reader.PreferencesUrl, plain, StringComparison.Ordinal);
            Assert.Contains($"href=\"{reader.UnsubscribeUrl}\"", markup, StringComparison.Ordinal);
            Assert.DoesNotContain(first.Token, plain + markup, StringComparison.Ordinal);
            Assert.Equal("event-1.ics", parsed.OfType<MimePart>().Single().FileName);
        }
    }

    [Fact]
    public void Links_of_another_length_are_not_spliced()
    {
        var (text, html) = (new PersonalizedBody(Text), new PersonalizedBody(Html));
        var first = Links("AAAAAAAAAAAAAAAAAAAAAAAAAA");
        var template = DigestBodyTemplate.Create(Whole(text, html, first, []), first, TextsOf(text, html, first))!;

        Assert.Null(template.For(Links("short")));
        Assert.Null(template.For(Links("ÄAAAAAAAAAAAAAAAAAAAAAAAAA")));
    }

    private static List<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)> TextsOf(PersonalizedBody text, PersonalizedBody html, ReaderLinks links)
    {
        var texts = new List<(byte[] Utf8, IReadOnlyList<ReaderLink> Links)>();
        Whole(text, html, links, texts);
        return texts;
    }

    private static string WithoutBoundaries(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "=-[A-Za-z0-9+/]{22}", "=-boundary");

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
