using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Learning.Modularity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Pages.Admin.Certificates.Issued;

/// <summary>One certificate in the manager's scope (outside it: not found), with revoke (a reason required) and reissue.</summary>
[RequirePermission(Permissions.Names.Issue)]
public sealed class DetailsModel(CertificateRegistry registry, CertificateIssuer issuer, IOptions<IssuingOptions> options, IStringLocalizer<CertificatesStrings> t) : PageModel
{
    public const int MaxReasonLength = 1000;

    public Certificate Certificate { get; private set; } = default!;

    public CertificateStatus Status { get; private set; }

    public string Agency => options.Value.AgencyName;

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string serial, CancellationToken cancellationToken) =>
        await LoadAsync(serial, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevokeAsync(string serial, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(serial, cancellationToken))
        {
            return NotFound();
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            Error = t["Issued.ReasonRequired", MaxReasonLength];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Message = await issuer.RevokeAsync(Certificate.Id, reason, User, cancellationToken) ? t["Issued.Revoked"] : t["Issued.AlreadyRevoked"];
        return Redirect("/Admin/Certificates/Issued/" + Certificate.Serial);
    }

    public async Task<IActionResult> OnPostReissueAsync(string serial, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(serial, cancellationToken))
        {
            return NotFound();
        }

        if (Certificate.State != CertificateState.Valid)
        {
            Error = t["Issued.CannotReissue"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await issuer.RequestReissueAsync(Certificate, User, cancellationToken);
        Message = t["Issued.ReissueQueued"];
        return Redirect("/Admin/Certificates/Issued/" + Certificate.Serial);
    }

    private async Task<bool> LoadAsync(string serial, CancellationToken cancellationToken)
    {
        if (await registry.FindInScopeAsync(User, serial, cancellationToken) is not { } certificate)
        {
            return false;
        }

        (Certificate, Status) = (certificate, registry.StatusOf(certificate));
        return true;
    }
}
