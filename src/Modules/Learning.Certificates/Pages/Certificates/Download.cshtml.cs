using Learning.Certificates.Services.Issuing;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Certificates.Pages.Certificates;

/// <summary>The signed PDF, to its holder only: anyone else's serial is not found.</summary>
[RequirePermission(Permissions.Names.ViewOwn)]
public sealed class DownloadModel(CertificateRegistry registry) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string serial, CancellationToken cancellationToken)
    {
        var certificate = await registry.FindAsync(serial, cancellationToken);
        if (certificate is null || certificate.UserId != User.RequiredUserId() || await registry.PdfAsync(certificate.Id, cancellationToken) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf, "application/pdf", CertificateIssuer.FileName(certificate.Serial));
    }
}
