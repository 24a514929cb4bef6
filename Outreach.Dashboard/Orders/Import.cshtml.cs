using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Staff;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Dashboard.Orders;

/// <summary>CSV import of book requests, every row's outcome shown with its reasons.</summary>
[Authorize(Policy = StaffPolicies.Operator)]
[RequestSizeLimit(ImportUploadLimit.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUploadLimit.RequestLimit)]
public sealed class ImportOrdersModel(CsvRequestImport import) : PageModel
{
    public CsvImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Report = new CsvImportReport([], CsvRequestImport.NoFile);
            return Page();
        }

        if (file.Length > CsvRequestImport.MaxBytes)
        {
            Report = new CsvImportReport([], CsvRequestImport.TooLarge);
            return Page();
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        Report = await import.ImportAsync(content.ToArray(), User.Identity?.Name ?? "staff", cancellationToken);
        return Page();
    }
}
