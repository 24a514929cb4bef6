namespace Outreach.Worker.Storage;

/// <summary>Page numbers of the staff lists: from 1 to <see cref="MaxPage"/>, and the row offset of one (never overflowing).</summary>
public static class Paging
{
    /// <summary>Far beyond any list the hub keeps; a larger number is a mistyped address.</summary>
    public const int MaxPage = 1_000_000;

    public static long Offset(int page, int pageSize) => (long)(Math.Clamp(page, 1, MaxPage) - 1) * pageSize;
}
