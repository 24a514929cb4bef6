using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Outreach.Integrations.Communities.Rest;

/// <summary>A roster read page by page from a community's API; only one page is in memory at a time.</summary>
internal sealed class RestRosterReading(CommunityApiClient api, CommunityOptions community, string? sinceCursor, ILogger logger) : RosterReading
{
    private string? _nextCursor;

    public override bool IsFullSnapshot => sinceCursor is null;

    public override string Source => "rest";

    /// <summary>The <c>cursor</c> of the last page; for the caller to store once its run has committed.</summary>
    public override string? NextCursor => _nextCursor;

    protected override async IAsyncEnumerable<ResidentRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = ResidentsPageRequest.First(sinceCursor);
        long rowsRead = 0;
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await api.GetResidentsPageAsync(community, request, rowsRead, cancellationToken);
            logger.ResidentsPageRead(community.Code, pageNumber, page.Rows.Count);
            foreach (var row in page.Rows)
                yield return row;
            rowsRead += page.Rows.Count;
            _nextCursor = page.Cursor ?? _nextCursor;

            if (page.Next is null)
                break;
            var following = ResidentsPageRequest.Following(page.Next);
            if (following == request)
                throw new CommunitySystemException(community.Code, $"Community {community.Code} sent the same next page twice (page {pageNumber}); its paging is stuck.");
            request = following;
        }
        logger.RosterReadFromApi(community.Code, rowsRead, IsFullSnapshot);
    }

    // The caller stores NextCursor; there is nothing to hand back to the community.
    protected override Task OnAcknowledgeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
