using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Outreach.Dashboard.Api;

/// <summary>The partner API reference, rendered on the server from the generated document; no login, no script.</summary>
[AllowAnonymous]
public sealed class ReferenceModel(IServiceProvider services) : PageModel
{
    public PartnerApiReference Reference { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Reference = PartnerApiReference.Read(await PartnerApiDocument.JsonAsync(services, cancellationToken));
}
