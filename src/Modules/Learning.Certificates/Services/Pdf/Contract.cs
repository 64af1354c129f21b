// Contract of the cert-pdf branch, only so that issuing compiles before the merge. Deleted when cert-pdf is merged.
namespace Learning.Certificates.Services.Pdf;

public sealed record CertificateFacts(string Serial, string HolderName, string? Position, string? Unit, string CourseTitle,
    double? Hours, DateTime CompletedUtc, double? ScorePercent, DateTime IssuedUtc, DateTime? ExpiresUtc,
    int? CourseId, int? PathId, string Culture = "vi");

public sealed record SignedCertificate(byte[] Pdf, string Sha256Hex, string SignerThumbprint, bool TestSigner, int TemplateId, int TemplateRevision);

public interface ICertificatePdf
{
    Task<SignedCertificate> RenderAsync(CertificateFacts facts, CancellationToken cancellationToken);
}

public sealed class CertificateSignerUnavailableException(string message) : Exception(message);

public enum SignatureVerdict { NotPdf, NotSigned, Altered, Valid }

public sealed record SignatureInspection(SignatureVerdict Verdict, string Sha256Hex, string? SignerThumbprint, string? Serial, string? Detail);

public interface ICertificateSignatureInspector
{
    SignatureInspection Inspect(byte[] pdf);
}

public sealed record SignerStatus(bool Usable, string? Problem, string? Subject, string? Thumbprint, DateTime? NotAfterUtc, bool IsTestSigner, bool HasTimestampAuthority);

public interface ICertificateSigner
{
    SignerStatus Status { get; }
}
