using System.ComponentModel.DataAnnotations;
using Outreach.Sandbox.Communities;

namespace Outreach.Sandbox.Hosting;

/// <summary>A community loaded at start from a JSON snapshot file.</summary>
public sealed class CommunitySeedOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,32}$")]
    public string Code { get; set; } = "";

    public CommunityKind Kind { get; set; } = CommunityKind.Rest;

    /// <summary>A file shaped like residents_GL01_snapshot.json, a bare JSON array, or JSON Lines (.jsonl); none: no residents.</summary>
    public string? Snapshot { get; set; }

    /// <summary>The Bearer token of a rest community; "sandbox-{Code}" when not set.</summary>
    public string? Token { get; set; }

    /// <summary>Encoding of the drop written at start for a csv community: gb18030, utf8bom or utf8.</summary>
    public string DropEncoding { get; set; } = CsvDropFormat.Gb18030;

    /// <summary>Header language of that drop: zh or en.</summary>
    public string DropHeaders { get; set; } = CsvDropFormat.ChineseHeaders;

    public string EffectiveToken => string.IsNullOrEmpty(Token) ? $"sandbox-{Code}" : Token;
}
