using Learning.Modularity;
using Learning.Courses.Services;

namespace Learning.UnitTests.Courses;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Chữ ký số công vụ", "chu ky so cong vu")]
    [InlineData("ĐỊNH DANH điện tử (VNeID)", "dinh danh dien tu vneid")]
    [InlineData("Thanh toán trực tuyến, phí & lệ phí!", "thanh toan truc tuyen phi le phi")]
    [InlineData("Nghị định 68/2024/NĐ-CP", "nghi dinh 68 2024 nd cp")]
    public void Fold_RemovesMarksAndPunctuation(string text, string expected) => Assert.Equal(expected, SearchText.Fold(text));

    [Fact]
    public void Fold_DecomposedInput_MatchesPrecomposed() =>
        Assert.Equal(SearchText.Fold("Hồ sơ"), SearchText.Fold("Hồ sơ".Normalize(System.Text.NormalizationForm.FormD)));
}
