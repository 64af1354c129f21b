using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Issuing;

/// <summary>What an uploaded file turned out to be.</summary>
public enum UploadVerdict
{
    /// <summary>A certificate we issued, byte for byte, signed by the key that signed it: its status then says the rest.</summary>
    Ours,
    NotPdf,
    NotSigned,
    Altered,
    OtherKey,
    NotOurs,
}

public sealed record UploadCheck(UploadVerdict Verdict, Certificate? Certificate, string Sha256Hex, string? Detail);

/// <summary>
/// Checks an uploaded PDF: its signature (the PDF inspector), then whether we issued exactly these bytes. A valid signature is
/// not enough: the file's SHA-256 must be the one stored at issue and the signer the one that signed it, so a certificate
/// edited and re-signed by another key, or one of ours with bytes changed, does not pass.
/// </summary>
public sealed class CertificateVerifier(LearningDbContext db, ICertificateSignatureInspector inspector)
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    public async Task<UploadCheck> CheckAsync(byte[] file, CancellationToken cancellationToken)
    {
        var inspection = inspector.Inspect(file);
        var hash = inspection.Sha256Hex.ToLowerInvariant();
        var certificates = db.Set<Certificate>().AsNoTracking();
        var byHash = await certificates.FirstOrDefaultAsync(c => c.Sha256Hex == hash, cancellationToken);
        var serial = CertificateSerial.Normalize(inspection.Serial);
        var bySerial = byHash ?? (serial is null ? null : await certificates.SingleOrDefaultAsync(c => c.Serial == serial, cancellationToken));
        var thumbprint = inspection.SignerThumbprint?.ToUpperInvariant();
        var verdict = inspection.Verdict switch
        {
            SignatureVerdict.NotPdf => UploadVerdict.NotPdf,
            SignatureVerdict.NotSigned => UploadVerdict.NotSigned,
            SignatureVerdict.Altered => UploadVerdict.Altered,
            _ when byHash is not null && byHash.SignerThumbprint == thumbprint => UploadVerdict.Ours,
            _ when bySerial is not null && bySerial.SignerThumbprint != thumbprint => UploadVerdict.OtherKey,
            _ when bySerial is not null => UploadVerdict.Altered, // our key, our serial, other bytes: not the file we issued
            _ => UploadVerdict.NotOurs,
        };
        return new(verdict, bySerial, hash, inspection.Detail);
    }
}
