using Learning.Modularity;

namespace Learning.UnitTests.Modularity;

/// <summary>A pager shows the first and last pages and a few around the current one: 4,000 pages are not 4,000 links.</summary>
public sealed class PageNumbersTests
{
    [Fact]
    public void FewPages_AreAllShown() =>
        Assert.Equal([1, 2, 3, 4, 5], PageNumbers.Around(3, 5));

    [Fact]
    public void ManyPages_ShowTheEndsAndAWindow_WithGapsBetween()
    {
        Assert.Equal([1, null, 48, 49, 50, 51, 52, null, 4000], PageNumbers.Around(50, 4000));
        Assert.Equal([1, 2, 3, null, 4000], PageNumbers.Around(1, 4000));
        Assert.Equal([1, null, 3998, 3999, 4000], PageNumbers.Around(4000, 4000));
        Assert.Equal([1, 2, 3, 4, 5, null, 9], PageNumbers.Around(3, 9));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], PageNumbers.Around(5, 9)); // a gap would hide page 2 or 8 alone
    }

    [Fact]
    public void OnePage_IsOneNumber() => Assert.Equal([1], PageNumbers.Around(1, 1));
}
