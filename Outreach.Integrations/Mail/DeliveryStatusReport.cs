using MimeKit;

namespace Outreach.Integrations.Mail;

/// <summary>How bad a failed delivery is: hard (the address is wrong for good) or soft (try again later).</summary>
public enum BounceKind
{
    Hard,
    Soft,
}

/// <summary>One recipient's line of a delivery status notification.</summary>
public sealed record BouncedRecipient(string Address, BounceKind Kind, string? Status, string? Diagnostic);

/// <summary>
/// A delivery status notification (RFC 3464) as the hub reads it: the failed recipients, and where the report says which
/// delivery it is about: the VERP tag of the address it was sent to, or a header of the returned original message.
/// </summary>
public sealed record DeliveryStatusReport(string ReportKey, IReadOnlyList<BouncedRecipient> Recipients, string? VerpTag,
    IReadOnlyDictionary<string, string> OriginalHeaders)
{
    /// <summary>Reads a report; null when the message is no DSN or names no failed or delayed recipient.</summary>
    public static DeliveryStatusReport? Parse(MimeMessage message, string bounceAddress)
    {
        var report = message.Body as MultipartReport
            ?? message.BodyParts.OfType<MultipartReport>().FirstOrDefault();
        if (report is null || !string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
            return null;

        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null)
            return null;

        var recipients = new List<BouncedRecipient>();
        foreach (var group in status.StatusGroups.Skip(1))
        {
            var action = group["Action"]?.Trim().ToLowerInvariant();
            if (action is not ("failed" or "delayed"))
                continue;

            var address = AddressOf(group["Final-Recipient"]) ?? AddressOf(group["Original-Recipient"]);
            if (address is null)
                continue;

            var code = group["Status"]?.Trim();
            var kind = action == "failed" && code?.StartsWith('5') == true ? BounceKind.Hard : BounceKind.Soft;
            recipients.Add(new BouncedRecipient(address, kind, code, group["Diagnostic-Code"]?.Trim()));
        }

        if (recipients.Count == 0)
            return null;

        var original = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var returned = report.OfType<MessagePart>().FirstOrDefault()?.Message;
        if (returned is not null)
        {
            foreach (var header in returned.Headers)
                original.TryAdd(header.Field, header.Value.Trim());
        }

        var key = string.IsNullOrWhiteSpace(message.MessageId)
            ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.Headers.ToString() ?? "")))[..32]
            : message.MessageId;
        return new DeliveryStatusReport(key, recipients, VerpTagOf(message, bounceAddress), original);
    }

    /// <summary>The TAG of bounces+TAG@domain among the addresses the report was delivered to.</summary>
    public static string? VerpTagOf(MimeMessage message, string bounceAddress)
    {
        var at = bounceAddress.LastIndexOf('@');
        if (at <= 0)
            return null;

        var prefix = bounceAddress[..at] + "+";
        var domain = bounceAddress[at..];
        var candidates = message.To.Mailboxes.Select(m => m.Address)
            .Concat(EnvelopeHeaders
                .SelectMany(name => message.Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)))
                .Select(h => h.Value.Trim().Trim('<', '>')));
        foreach (var candidate in candidates)
        {
            if (candidate.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && candidate.EndsWith(domain, StringComparison.OrdinalIgnoreCase))
                return candidate[prefix.Length..^domain.Length];
        }

        return null;
    }

    private static readonly string[] EnvelopeHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "Return-Path"];

    // "rfc822; someone@example.cn" → "someone@example.cn"
    private static string? AddressOf(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
            return null;
        var semicolon = field.IndexOf(';', StringComparison.Ordinal);
        var address = (semicolon >= 0 ? field[(semicolon + 1)..] : field).Trim().Trim('<', '>');
        return address.Contains('@', StringComparison.Ordinal) ? address : null;
    }
}
