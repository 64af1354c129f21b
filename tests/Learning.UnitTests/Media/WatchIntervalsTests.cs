using Learning.Media.Services;

namespace Learning.UnitTests.Media;

public sealed class WatchIntervalsTests
{
    [Fact]
    public void Overlapping_And_Touching_Intervals_Merge()
    {
        var intervals = new WatchIntervals();
        Assert.Equal(10, intervals.Add(0, 10));
        Assert.Equal(5, intervals.Add(5, 15));
        Assert.Equal(0, intervals.Add(2, 8));
        Assert.Equal(10, intervals.Add(30, 40));
        Assert.Equal(15, intervals.Add(15, 30)); // closes the gap
        Assert.Equal("0-40", intervals.ToString());
        Assert.Equal(40, intervals.TotalSeconds);
    }

    [Fact]
    public void Parse_RoundTrips_AndIgnoresGarbage()
    {
        var intervals = WatchIntervals.Parse("0-35,60-90,x-1,5-,,-3");
        Assert.Equal("0-35,60-90", intervals.ToString());
        Assert.Equal(65, intervals.TotalSeconds);
    }

    [Fact]
    public void Reported_Intervals_AreClampedToTheVideo()
    {
        var intervals = new WatchIntervals();
        var added = intervals.AddReported([(-50, 36000)], duration: 180, budget: 10_000);
        Assert.Equal(180, added);
        Assert.Equal("0-180", intervals.ToString());
    }

    [Fact]
    public void Budget_LimitsNewSeconds_ButRewatchingIsFree()
    {
        var intervals = WatchIntervals.Parse("0-60");
        var added = intervals.AddReported([(0, 60), (60, 180)], duration: 180, budget: 20);
        Assert.Equal(20, added);
        Assert.Equal("0-80", intervals.ToString());
    }

    [Fact]
    public void NaN_And_Backwards_Intervals_AddNothing()
    {
        var intervals = new WatchIntervals();
        Assert.Equal(0, intervals.AddReported([(double.NaN, 10), (30, 20)], duration: 100, budget: 100));
        Assert.Equal("", intervals.ToString());
    }

    [Fact]
    public void Budget_CountsOnlyTheGaps_BetweenWatchedParts()
    {
        var intervals = WatchIntervals.Parse("10-20,30-40");
        // From 0: 10 fresh (0-10), 10 seen, then 5 fresh of the gap 20-30 → ends at 25.
        Assert.Equal(15, intervals.AddReported([(0, 100)], duration: 100, budget: 15));
        Assert.Equal("0-25,30-40", intervals.ToString());
    }

    [Fact]
    public void AHugeClaimOnAWatchedVideo_AddsNothing()
    {
        var intervals = WatchIntervals.Parse("0-10800");
        Assert.Equal(0, intervals.AddReported(Enumerable.Repeat((0.0, 36000.0), 200), duration: 10800, budget: 100_000));
        Assert.Equal("0-10800", intervals.ToString());
    }
}
