using Learning.Quizzes.Services;

namespace Learning.UnitTests.Quizzes;

public sealed class AttemptFlagsTests
{
    [Fact]
    public void Format_SortsEachSlotOnce_AndNoneIsNull()
    {
        Assert.Equal("2,7,12", AttemptFlags.Format([12, 2, 7, 2]));
        Assert.Null(AttemptFlags.Format([]));
    }

    [Theory]
    [InlineData(null, new int[0])]
    [InlineData("", new int[0])]
    [InlineData("3,7", new[] { 3, 7 })]
    [InlineData(" 7 ,3,,x,-1,0,3", new[] { 3, 7 })] // a hand-edited or damaged value gives what it can, never an exception
    public void Parse_ReadsTheStoredSlots(string? stored, int[] expected) =>
        Assert.Equal(expected, AttemptFlags.Parse(stored));

    [Fact]
    public void Toggle_FlagsAnUnflaggedSlot_AndUnflagsAFlaggedOne()
    {
        Assert.Equal([3, 5, 7], AttemptFlags.Toggle("3,7", 5));
        Assert.Equal([7], AttemptFlags.Toggle("3,7", 3));
        Assert.Equal([1], AttemptFlags.Toggle(null, 1));
        Assert.Null(AttemptFlags.Format(AttemptFlags.Toggle("4", 4)));
    }

    [Theory]
    [InlineData(null, new[] { 7, 3 }, "+3 +7")]
    [InlineData("3,7", new[] { 7, 12 }, "+12 −3")]
    [InlineData("3,7", new int[0], "−3 −7")]
    [InlineData("3,7", new[] { 3, 7, 3 }, null)] // the same set sent again (a retry, a phone back online): no line in the log
    [InlineData(null, new int[0], null)]
    public void Change_NamesTheSlotsFlaggedAndUnflagged(string? stored, int[] sent, string? expected) =>
        Assert.Equal(expected, AttemptFlags.Change(stored, sent));
}
