using Learning.Certificates.Services.Pdf;
using PdfSharp.Drawing;

namespace Learning.Certificates.Tests;

public sealed class CertificateLayoutTests
{
    private static XGraphics Measure()
    {
        CertificateFonts.Install();
        return XGraphics.CreateMeasureContext(new XSize(842, 595), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    [Fact]
    public void Wrap_LongVietnameseName_EveryLineFitsAndNothingIsLost()
    {
        using var gfx = Measure();
        var font = new XFont(CertificateFonts.Serif, 26, XFontStyleEx.Bold);
        const string name = "Tôn Nữ Huyền Trâm Nguyễn Thị Ngọc Diệp Phạm Lê Hữu Khánh Đặng Vỵ Thở";
        var lines = CertificateLayout.Wrap(gfx, name, font, 300);
        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(gfx.MeasureString(l, font).Width <= 300, l));
        Assert.Equal(name, string.Join(" ", lines));
    }

    [Fact]
    public void Wrap_OneWordWiderThanTheColumn_IsCut()
    {
        using var gfx = Measure();
        var font = new XFont(CertificateFonts.Serif, 12, XFontStyleEx.Regular);
        var word = new string('Ữ', 80);
        var lines = CertificateLayout.Wrap(gfx, word, font, 100);
        Assert.All(lines, l => Assert.True(gfx.MeasureString(l, font).Width <= 100, l));
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void Fit_Title_ShrinksBeforeTakingMoreLines()
    {
        using var gfx = Measure();
        var (font, lines) = CertificateLayout.Fit(gfx, "GIẤY CHỨNG NHẬN HOÀN THÀNH CHƯƠNG TRÌNH BỒI DƯỠNG", CertificateFonts.Serif, XFontStyleEx.Bold, 32, 10, 500, 1);
        Assert.Single(lines);
        Assert.True(font.Size < 32);
        Assert.True(gfx.MeasureString(lines[0], font).Width <= 500);
    }
}
