using System.Globalization;
using System.Security.Claims;
using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Services.Pdf;

/// <summary>The signer on the operations dashboard: who signs and until when, that it is a test signer, or why it cannot sign.</summary>
internal sealed class SignerDashboard(ICertificateSigner signer, IStringLocalizer<CertificatesStrings> t) : IDashboardCardProvider
{
    public Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.Signer))
        {
            return Task.FromResult<IEnumerable<DashboardCard>>([]);
        }

        var status = signer.Status;
        var value = !status.Usable
            ? t["Pdf.Signer.CardProblem", status.Problem ?? ""].Value
            : status.IsTestSigner
                ? t["Pdf.Signer.CardTest"].Value
                : t["Pdf.Signer.CardOk", status.Subject ?? "", status.NotAfterUtc?.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture) ?? ""].Value;
        return Task.FromResult<IEnumerable<DashboardCard>>([new DashboardCard(t["Pdf.Signer.CardTitle"], value, null, 50)]);
    }
}
