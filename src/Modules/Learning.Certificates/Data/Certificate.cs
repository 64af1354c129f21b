namespace Learning.Certificates.Data;

/// <summary>
/// One issued certificate, with the facts as they were printed on it (a later change of name or unit does not change an issued
/// certificate; a reissue does). <see cref="CurrentKey"/> is the subject (<c>course/12/v3</c>, <c>path/5</c>) while this is
/// the user's current certificate for it and null once superseded: a unique index on it is what makes a second certificate
/// for the same user, course and version impossible, whatever races.
/// </summary>
public sealed class Certificate
{
    public long Id { get; set; }

    /// <summary>Upper case, e.g. <c>CN-2026-7K3QH9X</c>; see <see cref="Services.Issuing.CertificateSerial"/>.</summary>
    public string Serial { get; set; } = "";

    public string UserId { get; set; } = "";

    public int? CourseId { get; set; }

    public int? PathId { get; set; }

    /// <summary>The course's published version when it was issued; 0 for a learning path.</summary>
    public int CourseVersion { get; set; }

    public string Subject { get; set; } = "";

    public string? CurrentKey { get; set; }

    public string HolderName { get; set; } = "";

    /// <summary>The holder's name folded (<see cref="Learning.Modularity.SearchText"/>), so "nguyen van" finds "Nguyễn Văn".</summary>
    public string HolderNameFolded { get; set; } = "";

    public string? Position { get; set; }

    public string? UnitName { get; set; }

    /// <summary>The holder's organisation path when it was issued (<c>/1/7/</c>).</summary>
    public string? OrgPath { get; set; }

    public string Title { get; set; } = "";

    public double? Hours { get; set; }

    public DateTime CompletedUtc { get; set; }

    public double? ScorePercent { get; set; }

    public DateTime IssuedUtc { get; set; }

    public DateTime? ExpiresUtc { get; set; }

    public CertificateState State { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevokedReason { get; set; }

    public string? SupersededBySerial { get; set; }

    public string? SupersedesSerial { get; set; }

    /// <summary>SHA-256 of the whole signed PDF as issued (lower-case hex).</summary>
    public string Sha256Hex { get; set; } = "";

    public string SignerThumbprint { get; set; } = "";

    public bool TestSigner { get; set; }

    public int TemplateId { get; set; }

    public int TemplateRevision { get; set; }

    public string? IssuedBy { get; set; }

    public bool IsExpired(DateTime nowUtc) => ExpiresUtc is { } e && e <= nowUtc;
}
