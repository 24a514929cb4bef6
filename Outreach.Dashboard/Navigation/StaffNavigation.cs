using System.Security.Claims;

namespace Outreach.Dashboard.Navigation;

/// <summary>Every registered staff page, in menu order.</summary>
public sealed class StaffNavigation(IEnumerable<StaffPage> pages)
{
    public IReadOnlyList<StaffPage> Pages { get; } = pages
        .DistinctBy(p => p.Path, StringComparer.OrdinalIgnoreCase)
        .OrderBy(p => p.Order)
        .ThenBy(p => p.Title, StringComparer.Ordinal)
        .ToList();

    public IEnumerable<StaffPage> VisibleTo(ClaimsPrincipal user) => Pages.Where(p => p.IsVisibleTo(user));

    public StaffPage? Find(string path) => Pages.FirstOrDefault(p => string.Equals(p.Path, path, StringComparison.OrdinalIgnoreCase));
}
