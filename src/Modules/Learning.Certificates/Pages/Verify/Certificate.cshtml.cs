using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Pages.Verify;

/// <summary>The QR code's target, public: what the certificate says, and whether it still stands.</summary>
[AllowAnonymous]
[EnableRateLimiting(IssuingServices.VerifyRateLimitPolicy)]
public sealed class CertificateModel(CertificateRegistry registry, IOptions<IssuingOptions> options) : PageModel
{
    public Certificate? Certificate { get; private set; }

    public CertificateStatus Status { get; private set; }

    public string Agency => options.Value.AgencyName;

    public string? Serial { get; private set; }

    public async Task<IActionResult> OnGetAsync(string serial, CancellationToken cancellationToken)
    {
        Serial = serial;
        Certificate = await registry.FindAsync(serial, cancellationToken);
        if (Certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Status = registry.StatusOf(Certificate);
        return Page();
    }
}
