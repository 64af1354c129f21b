namespace Learning.Certificates.Data;

/// <summary>
/// The signed PDF of a certificate, in its own row so that lists never load it. Kept in the database rather than in a storage
/// folder: it is written in the same transaction as the certificate and the job's completion (no orphan file, no row without its
/// file after a crash), it is backed up with the rest, and a certificate is small (tens of kilobytes).
/// </summary>
public sealed class CertificateFile
{
    public long CertificateId { get; set; }

    public byte[] Pdf { get; set; } = [];
}
