namespace Learning.Certificates.Data;

/// <summary>What a certificate's row says. Expired is not stored: it follows from <see cref="Certificate.ExpiresUtc"/>.</summary>
public enum CertificateState
{
    Valid,
    Revoked,
    Superseded,
}
