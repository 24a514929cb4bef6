using Microsoft.Extensions.Options;
using NSubstitute;
using Outreach.Integrations.Mail;
using Outreach.Worker.Communities;
using Outreach.Worker.Messages;
using Outreach.Worker.Orders;
using Outreach.Worker.Orders.Notices;

namespace Outreach.Worker.Tests.Orders;

/// <summary>The reason a reader's notice gives: a stored code in the reader's words, someone's own words as they were written.</summary>
public sealed class NoticeComposerTests
{
    private readonly NoticeComposer _composer = new(Monitor(new OrdersOptions()), Monitor(new CommunityCatalogOptions()),
        Monitor(new MailOptions { Host = "127.0.0.1", From = "library@lib.example.cn" }));

    [Theory]
    [InlineData("invalid_isbn", "书店认为这本书的 ISBN 无效")]
    [InlineData("quantity_out_of_range", "订购册数超出书店接受的范围")]
    public void A_bookstore_refusal_stored_as_a_code_reads_in_chinese(string error, string chinese)
    {
        var refusal = new StaffMessage("Order.Rejected." + error, $"the bookstore refused it ({error})", [error]);

        var body = Body(NoticeKind.Rejected, Stored(refusal));

        Assert.Contains($"（原因：{chinese}）", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"the bookstore refused it ({error})", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancellation_without_a_note_gives_no_reason_the_sentence_has_not_said()
    {
        var body = Body(NoticeKind.Cancelled, Stored(StaffMessage.Of("Order.CancelledByBookstore", $"cancelled by the bookstore")));

        Assert.DoesNotContain("原因", body, StringComparison.Ordinal);
        Assert.DoesNotContain("(cancelled by the bookstore)", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_without_a_code_is_someones_own_words_and_is_quoted_as_written()
    {
        var body = Body(NoticeKind.Cancelled, StoredMessage.From("该书已绝版", null, null));

        Assert.Contains("（原因：该书已绝版）", body, StringComparison.Ordinal);
        Assert.Contains("(该书已绝版)", body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_refusal_code_is_named_as_the_bookstore_sent_it()
    {
        var body = Body(NoticeKind.Rejected, Stored(StaffMessage.Of("Order.Rejected.Other", $"{"out_of_print"}")));

        Assert.Contains("（原因：书店答复代码 out_of_print）", body, StringComparison.Ordinal);
    }

    private string Body(string kind, StoredMessage? reason) =>
        Assert.IsType<MimeKit.TextPart>(_composer.Compose(new NoticeSubject("BO-1", kind, "红楼梦", "library_desk", null, reason, "邱叶", "reader@example.cn"))!.Message.Body)
            .Text;

    // As the order's row keeps it and the notice job reads it back.
    private static StoredMessage? Stored(StaffMessage message) => StoredMessage.From(message.English, message.Code, message.ArgsJson);

    private static IOptionsMonitor<T> Monitor<T>(T value)
    {
        var monitor = Substitute.For<IOptionsMonitor<T>>();
        monitor.CurrentValue.Returns(value);
        return monitor;
    }
}
