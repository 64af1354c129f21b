using Learning.Certificates.Services.Issuing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Pages.Verify;

/// <summary>Public: look a serial up, or drop a PDF and learn whether it is a certificate we issued, unaltered.</summary>
[AllowAnonymous]
[UploadSizeGuard]
[EnableRateLimiting(IssuingServices.VerifyRateLimitPolicy)]
public sealed class IndexModel(CertificateVerifier verifier, CertificateRegistry registry, IOptions<IssuingOptions> options, IStringLocalizer<CertificatesStrings> t) : PageModel
{
    public string? Error { get; private set; }

    public UploadCheck? Check { get; private set; }

    public CertificateStatus Status { get; private set; }

    public string Agency => options.Value.AgencyName;

    public string? FileName { get; private set; }

    public IActionResult OnGet(string? serial, string? error)
    {
        if (!string.IsNullOrWhiteSpace(serial))
        {
            if (CertificateSerial.Normalize(serial) is { } s)
            {
                return Redirect("/verify/" + s);
            }

            Error = t["Verify.BadSerial", serial.Trim()];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (error == "too-large")
        {
            Error = t["Verify.TooLarge", CertificateVerifier.MaxUploadBytes / (1024 * 1024)];
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Error = t["Verify.NoFile"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (file.Length > CertificateVerifier.MaxUploadBytes)
        {
            Error = t["Verify.TooLarge", CertificateVerifier.MaxUploadBytes / (1024 * 1024)];
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        FileName = Path.GetFileName(file.FileName);
        Check = await verifier.CheckAsync(buffer.ToArray(), cancellationToken);
        if (Check.Certificate is not null)
        {
            Status = registry.StatusOf(Check.Certificate);
        }

        return Page();
    }
}
