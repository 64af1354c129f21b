using Learning.Certificates.Services.Readiness;

namespace Learning.UnitTests.Certificates;

public sealed class ProviderExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+84 905 123 401", "+84 905 123 401")]
    [InlineData("Nguyễn Thị Ngọc Diệp", "Nguyễn Thị Ngọc Diệp")]
    [InlineData("Văn phòng HĐND, UBND", "\"Văn phòng HĐND, UBND\"")]
    public void Quote_DefusesFormulasAndQuotesSeparators(string value, string expected) => Assert.Equal(expected, ProviderExport.Quote(value));

    [Fact]
    public void Csv_StartsWithTheUtf8Bom_AndTheHeader()
    {
        var bytes = ProviderExport.Csv([]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("STT,Họ và tên,Ngày sinh,Số CCCD/Số định danh,Chức vụ", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }
}
