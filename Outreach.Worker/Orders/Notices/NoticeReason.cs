using Outreach.Worker.Messages;

namespace Outreach.Worker.Orders.Notices;

/// <summary>
/// The reason a reader's notice gives, in the mail's two languages. A reason the hub stored as a code (a bookstore refusal,
/// its cancellation with or without a note) is put in the reader's words; the bookstore's own note is quoted as it wrote it;
/// a reason without a code (typed by staff, or stored before the codes) is someone's own words and is quoted as stored.
/// </summary>
public static class NoticeReason
{
    /// <returns>The reason in Chinese and in English; null where the sentence says it all already.</returns>
    public static (string? Chinese, string? English) Of(StoredMessage? reason) => reason switch
    {
        null => (null, null),
        { Code: null } => (Quoted(reason.Text), Quoted(reason.Text)),
        { Code: "Order.CancelledByBookstore" } => (null, null),
        { Code: "Order.CancelledByBookstoreNote", Args: [string note, ..] } => (Quoted(note), Quoted(note)),
        { Code: "Order.Rejected.isbn_not_in_catalog" } => ("书店的书目中没有这本书", "the book is not in the bookstore's catalogue"),
        { Code: "Order.Rejected.invalid_isbn" } => ("书店认为这本书的 ISBN 无效", "the bookstore finds the book's ISBN invalid"),
        { Code: "Order.Rejected.quantity_out_of_range" } => ("订购册数超出书店接受的范围", "the number of copies is more than the bookstore takes"),
        { Code: "Order.Rejected.Other", Args: [string error, ..] } => ($"书店答复代码 {error}", $"the bookstore answered {error}"),
        // A code this version has no reader's words for: the English text stored with it, and no reason in Chinese rather than English.
        _ => (null, Quoted(reason.Text)),
    };

    private static string? Quoted(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
