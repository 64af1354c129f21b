using Learning.Modularity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Services.Pdf;

internal sealed class CertificatePdf(CertificateTemplates templates, CertificateSigner signer, IOptions<PublicAddressOptions> address, TimeProvider clock, IStringLocalizer<CertificatesStrings> t) : ICertificatePdf
{
    public async Task<SignedCertificate> RenderAsync(CertificateFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (certificate, isTest) = signer.Require();
        var design = await templates.ForAsync(facts.CourseId, facts.PathId, cancellationToken);
        byte[] pdf;
        try
        {
            pdf = await CertificateRenderer.RenderAsync(design, facts, VerifyUrl(address.Value, facts.Serial), certificate, isTest, signer.TimestampAuthority, clock.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or HttpRequestException or IOException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A timestamp authority that does not answer, or a key the platform refuses: nothing is issued unsigned.
            throw new CertificateSignerUnavailableException(t["Pdf.Signer.Failed", ex.Message], ex);
        }

        return new SignedCertificate(pdf, CertificateRenderer.Sha256Hex(pdf), certificate.Thumbprint, isTest, design.TemplateId, design.Revision);
    }

    public static string VerifyUrl(PublicAddressOptions address, string serial) => address.Absolute("/verify/" + Uri.EscapeDataString(serial));
}
