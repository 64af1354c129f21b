using Learning.Certificates.Data;

namespace Learning.Certificates.Services.Pdf;

/// <summary>A template as the renderer needs it, detached from the database and cached by id and revision.</summary>
public sealed record CertificateDesign(
    int TemplateId,
    int Revision,
    CertificateOrientation Orientation,
    string Agency,
    string Place,
    string Title,
    string BodyLiquid,
    byte[]? EmblemImage,
    byte[]? BackgroundImage,
    IReadOnlyList<CertificateSignatoryDesign> Signatories)
{
    public static CertificateDesign From(CertificateTemplate template) => new(
        template.Id,
        template.Revision,
        template.Orientation,
        template.Agency,
        template.Place,
        template.Title,
        template.BodyLiquid,
        template.EmblemImage,
        template.BackgroundImage,
        template.Signatories.OrderBy(s => s.Order).Take(CertificateTemplate.MaxSignatories)
            .Select(s => new CertificateSignatoryDesign(s.Title, s.Name, s.SignatureImage)).ToList());
}

public sealed record CertificateSignatoryDesign(string Title, string Name, byte[]? SignatureImage);

/// <summary>What the shipped default template says; created in the database when missing, restorable from the editor.</summary>
public static class DefaultCertificateTemplate
{
    public const string Name = "Mẫu mặc định";
    public const string Agency = "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ";
    public const string Place = "Khánh Hòa";
    public const string Title = "GIẤY CHỨNG NHẬN";

    public const string Body = """
        Chứng nhận Ông/Bà
        # {{ name }}
        {% if position and unit %}{{ position }} — {{ unit }}{% elsif position %}{{ position }}{% elsif unit %}{{ unit }}{% endif %}
        Đã hoàn thành khóa bồi dưỡng
        ## {{ course }}
        {% if hours %}Thời lượng {{ hours }} giờ, hoàn thành{% else %}Hoàn thành{% endif %} ngày {{ completed_on }}{% if score %}, kết quả {{ score }}%{% endif %}.
        """;

    public static CertificateTemplate Create(DateTime nowUtc) => new()
    {
        Name = Name,
        IsDefault = true,
        Orientation = CertificateOrientation.Landscape,
        Agency = Agency,
        Place = Place,
        Title = Title,
        BodyLiquid = Body,
        Signatories = [new CertificateTemplateSignatory { Order = 0, Title = "GIÁM ĐỐC", Name = "Nguyễn Văn Thành" }],
        Revision = 1,
        UpdatedUtc = nowUtc,
    };

    /// <summary>Sample facts for previews and benchmarks: long names with every kind of Vietnamese mark.</summary>
    public static CertificateFacts Sample(DateTime nowUtc, string serial = "KH-2026-000123") => new(
        serial,
        "Tôn Nữ Huyền Trâm Nguyễn Thị Ngọc Diệp Phạm Lê Hữu Khánh",
        "Phó Chủ tịch Ủy ban nhân dân, phụ trách văn hóa – xã hội",
        "UBND xã Cam Hải Đông, huyện Cam Lâm",
        "Kỹ năng sử dụng chữ ký số và chuyển đổi số trong xử lý văn bản hành chính ở cấp xã",
        24,
        nowUtc.AddDays(-1),
        92.5,
        nowUtc,
        nowUtc.AddYears(2),
        null,
        null);
}
