using Learning.Quizzes.Services;

namespace Learning.UnitTests.Quizzes;

public sealed class OverallFeedbackTests
{
    private static readonly string Stored = OverallFeedback.Write([new(50, "Gần đạt"), new(80, "Sẵn sàng ký số"), new(20, "Học lại")])!;

    [Theory]
    [InlineData(100, "Sẵn sàng ký số")]
    [InlineData(80, "Sẵn sàng ký số")] // a band's lower edge is in it
    [InlineData(79.99, "Gần đạt")]
    [InlineData(50, "Gần đạt")]
    [InlineData(20, "Học lại")]
    [InlineData(19.99, null)] // below the lowest band: no text
    public void For_GivesTheHighestBandThePercentReaches(double percent, string? expected) =>
        Assert.Equal(expected, OverallFeedback.For(Stored, (decimal)percent));

    [Fact]
    public void Write_KeepsTheHighestFirst_AndNoneIsNull()
    {
        Assert.Equal([80m, 50m, 20m], OverallFeedback.Read(Stored).Select(b => b.From));
        Assert.Null(OverallFeedback.Write([]));
        Assert.Empty(OverallFeedback.Read(null));
        Assert.Empty(OverallFeedback.Read("not json")); // a damaged value shows no feedback rather than failing the review
    }

    [Fact]
    public void Check_RefusesTwoBandsFromOnePercent_AnOutOfRangeOne_AndTooMany()
    {
        Assert.Null(OverallFeedback.Check([new(0, "a"), new(100, "b")]));
        Assert.Equal("Edit.FeedbackTwice", OverallFeedback.Check([new(60, "a"), new(60, "b")]));
        Assert.Equal("Edit.FeedbackRange", OverallFeedback.Check([new(101, "a")]));
        Assert.Equal("Edit.FeedbackRange", OverallFeedback.Check([new(-1, "a")]));
        Assert.Equal("Edit.FeedbackRange", OverallFeedback.Check([new(10, new string('x', OverallFeedback.MaxTextLength + 1))]));
        Assert.Equal("Edit.FeedbackRange", OverallFeedback.Check([.. Enumerable.Range(0, OverallFeedback.MaxBands + 1).Select(i => new FeedbackBand(i, "x"))]));
    }
}
