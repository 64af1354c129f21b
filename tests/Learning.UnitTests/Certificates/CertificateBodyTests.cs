using Learning.Certificates.Services.Pdf;

namespace Learning.Certificates.Tests;

public sealed class CertificateBodyTests
{
    private static CertificateFacts Facts(string name = "Nguyễn Thị Ngọc Diệp", string? position = "Chủ tịch", string? unit = "UBND xã Ninh Phước", double? hours = 12.5, double? score = 90) => new(
        "KH-2026-000001", name, position, unit, "Chữ ký số", hours, new DateTime(2026, 11, 30, 20, 0, 0, DateTimeKind.Utc), score,
        new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), null, null, null);

    [Fact]
    public async Task RenderAsync_DefaultBody_EveryPlaceholderInVietnamese()
    {
        var lines = await CertificateBody.RenderAsync(DefaultCertificateTemplate.Body, Facts());
        Assert.Equal(
        [
            new BodyLine("Chứng nhận Ông/Bà", BodyLineStyle.Normal),
            new BodyLine("Nguyễn Thị Ngọc Diệp", BodyLineStyle.Prominent),
            new BodyLine("Chủ tịch — UBND xã Ninh Phước", BodyLineStyle.Normal),
            new BodyLine("Đã hoàn thành khóa bồi dưỡng", BodyLineStyle.Normal),
            new BodyLine("Chữ ký số", BodyLineStyle.Strong),

            // 20:00 UTC on 30/11 is 03:00 on 01/12 in Vietnam: dates are the holder's local dates.
            new BodyLine("Thời lượng 12,5 giờ, hoàn thành ngày 01/12/2026, kết quả 90%.", BodyLineStyle.Normal),
        ], lines);
    }

    [Fact]
    public async Task RenderAsync_MissingOptionalValues_LinesDropOrShorten()
    {
        var lines = await CertificateBody.RenderAsync(DefaultCertificateTemplate.Body, Facts(position: null, unit: null, hours: null, score: null));
        Assert.Equal(5, lines.Count);
        Assert.Equal("Hoàn thành ngày 01/12/2026.", lines[^1].Text);
    }

    [Theory]
    [InlineData("Lê {{ name }} Tèo")]
    [InlineData("100% {% if true %}x{% endif %}")]
    [InlineData(@"Trần (Văn) \ Bé ) (")]
    [InlineData("<b>Đỗ</b> &amp; Vỵ")]
    public async Task RenderAsync_ValueWithLiquidOrPdfSyntax_PrintsLiterally(string name)
    {
        var lines = await CertificateBody.RenderAsync("# {{ name }}", Facts(name: name));
        Assert.Equal([new BodyLine(name, BodyLineStyle.Prominent)], lines);
    }

    [Fact]
    public async Task RenderAsync_ValueWithLineBreaks_CannotAddLines()
    {
        var lines = await CertificateBody.RenderAsync("{{ name }}", Facts(name: "Lê Văn\n# Giả mạo\r\nTám"));
        Assert.Equal([new BodyLine("Lê Văn # Giả mạo Tám", BodyLineStyle.Normal)], lines);
    }

    [Fact]
    public void TryParse_BrokenLiquid_GivesTheLine()
    {
        Assert.False(CertificateBody.TryParse("Dòng một\n{% if name %}{{ name }", out _, out var error, out var line));
        Assert.Equal(2, line);
        Assert.NotEmpty(error);
        Assert.True(CertificateBody.TryParse(DefaultCertificateTemplate.Body, out _, out _, out _));
    }

    [Fact]
    public void UnknownVariables_NamesTheTypos()
    {
        Assert.Equal(["ten"], CertificateBody.UnknownVariables("{{ ten }} {{ name }} {{- course }}"));
        Assert.Empty(CertificateBody.UnknownVariables(DefaultCertificateTemplate.Body));
    }
}
