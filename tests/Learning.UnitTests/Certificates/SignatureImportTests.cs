using Learning.Certificates.Services.Readiness;

namespace Learning.UnitTests.Certificates;

public sealed class SignatureImportTests
{
    [Theory]
    [InlineData("01/12/2026", 2026, 12, 1)]
    [InlineData("1/2/2027", 2027, 2, 1)]
    [InlineData("2029-11-30", 2029, 11, 30)]
    [InlineData("46357", 2026, 12, 1)] // an Excel serial date
    public void ParseDate_AcceptedForms(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), SignatureImport.ParseDate(text));

    [Theory]
    [InlineData("")]
    [InlineData("31/02/2026")]
    [InlineData("mai")]
    [InlineData("12/31/2026")]
    public void ParseDate_Rejects(string text) => Assert.Null(SignatureImport.ParseDate(text));
}
