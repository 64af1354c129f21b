namespace Learning.Certificates.Data;

/// <summary>
/// How a certificate looks: the default one (shipped, created when missing), or one for a course or a learning path. Each save
/// increments <see cref="Revision"/>, which an issued certificate records.
/// </summary>
public sealed class CertificateTemplate
{
    public const int MaxSignatories = 3;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public int? CourseId { get; set; }

    public int? PathId { get; set; }

    public bool IsDefault { get; set; }

    public CertificateOrientation Orientation { get; set; } = CertificateOrientation.Landscape;

    /// <summary>The issuing agency, one line per level (<c>UBND TỈNH KHÁNH HÒA</c> / <c>SỞ NỘI VỤ</c>), top left.</summary>
    public string Agency { get; set; } = "";

    /// <summary>The place in the date line (<c>Khánh Hòa</c>, ngày … tháng … năm …).</summary>
    public string Place { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Liquid; one printed line per line, <c># </c> starts a prominent line (the holder's name), <c>## </c> a bold one.</summary>
    public string BodyLiquid { get; set; } = "";

    public byte[]? EmblemImage { get; set; }

    public byte[]? BackgroundImage { get; set; }

    public List<CertificateTemplateSignatory> Signatories { get; set; } = [];

    public int Revision { get; set; } = 1;

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedBy { get; set; }
}
