namespace Learning.Certificates.Services.Pdf;

/// <summary>What a certificate states; the renderer prints these values literally (they are data, never Liquid).</summary>
public sealed record CertificateFacts(string Serial, string HolderName, string? Position, string? Unit, string CourseTitle,
    double? Hours, DateTime CompletedUtc, double? ScorePercent, DateTime IssuedUtc, DateTime? ExpiresUtc,
    int? CourseId, int? PathId, string Culture = "vi");

/// <summary>A rendered and signed certificate, with the template revision it was made from.</summary>
public sealed record SignedCertificate(byte[] Pdf, string Sha256Hex, string SignerThumbprint, bool TestSigner, int TemplateId, int TemplateRevision);

public interface ICertificatePdf
{
    /// <summary>
    /// Template of the course, else of the path, else the default; renders, signs (RFC 3161 timestamp when a TSA is configured).
    /// Throws <see cref="CertificateSignerUnavailableException"/> (Message localized, says why) when the signer cannot be used;
    /// never returns an unsigned PDF.
    /// </summary>
    Task<SignedCertificate> RenderAsync(CertificateFacts facts, CancellationToken cancellationToken);
}

/// <summary>The signer cannot be used (missing, wrong password, expired, no private key); the message says why, localized.</summary>
public sealed class CertificateSignerUnavailableException : Exception
{
    public CertificateSignerUnavailableException()
    {
    }

    public CertificateSignerUnavailableException(string message)
        : base(message)
    {
    }

    public CertificateSignerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public enum SignatureVerdict
{
    NotPdf,
    NotSigned,
    Altered,
    Valid,
}

/// <summary>
/// Sha256Hex: of the whole uploaded file. Serial: read from the document (embedded in its Info dictionary) when readable.
/// SignerThumbprint: SHA-1 thumbprint (hex, upper) of the signing certificate, when there is a signature.
/// Bytes appended after the signed range make the verdict <see cref="SignatureVerdict.Altered"/>.
/// </summary>
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
