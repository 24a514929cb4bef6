namespace Outreach.Worker.Orders.Intake;

/// <summary>
/// A reader's request for a book, as a partner system, the staff form or a CSV row sends it: unchecked text and numbers.
/// </summary>
public sealed record BookRequest
{
    public string? CardNumber { get; init; }

    public string? Isbn { get; init; }

    public string? Title { get; init; }

    public int? Quantity { get; init; }

    /// <summary>The list price per copy in yuan, which the budget line is charged.</summary>
    public decimal? UnitPrice { get; init; }

    public string? BudgetCode { get; init; }

    /// <summary>library_desk (the default) or community_room.</summary>
    public string? DeliverTo { get; init; }

    /// <summary>For community_room: the community whose reading room receives the book; the reader's own when unset.</summary>
    public string? DeliverCommunity { get; init; }

    /// <summary>The sender's own id of the request; the same id again returns the first answer instead of a second order.</summary>
    public string? ExternalRef { get; init; }
}

/// <summary>Where requests come from.</summary>
public static class RequestSourceKind
{
    public const string Api = "api";
    public const string Staff = "staff";
    public const string Csv = "csv";
}

/// <summary>
/// Who sent a request: a partner system (api), a staff member (staff) or a CSV import (csv). <see cref="Name"/> scopes
/// the sender's external_ref; <see cref="Actor"/> is who is named in the order's history.
/// </summary>
public sealed record RequestSource(string Kind, string Name, string Actor)
{
    /// <summary>Every CSV import shares one name, so the same file imported twice, by anyone, orders nothing twice.</summary>
    public const string CsvImportName = "csv-import";

    public static RequestSource Partner(string name) => new(RequestSourceKind.Api, name, $"partner:{name}");

    public static RequestSource StaffMember(string username) => new(RequestSourceKind.Staff, username, $"staff:{username}");

    public static RequestSource CsvFile(string importedBy) => new(RequestSourceKind.Csv, CsvImportName, $"csv:{importedBy}");
}
