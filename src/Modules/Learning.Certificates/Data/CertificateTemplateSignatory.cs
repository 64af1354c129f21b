namespace Learning.Certificates.Data;

/// <summary>One who signs a template's certificates (by image): up to three, printed left to right in <see cref="Order"/>.</summary>
public sealed class CertificateTemplateSignatory
{
    public int Id { get; set; }

    public int TemplateId { get; set; }

    public int Order { get; set; }

    /// <summary>The signatory's role (<c>GIÁM ĐỐC</c>, <c>KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC</c>).</summary>
    public string Title { get; set; } = "";

    public string Name { get; set; } = "";

    public byte[]? SignatureImage { get; set; }
}
