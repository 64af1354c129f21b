using Learning.Quizzes.Data;

namespace Learning.UnitTests.Quizzes;

public sealed class AttemptDrawTests
{
    private static List<AttemptQuestion> Drawn() =>
    [
        new() { Slot = 1, Page = 0, QuestionId = 7, QuestionVersionId = 12, Mark = 1m, OptionOrder = "c,a,b" },
        new() { Slot = 2, Page = 0, QuestionId = 3, QuestionVersionId = 2, Mark = 2.5m, OptionOrder = "" },
        new() { Slot = 3, Page = 1, QuestionId = 40, QuestionVersionId = 120, Mark = 0.125m, OptionOrder = "p2,p1" },
    ];

    [Fact]
    public void ADraw_ReadsBackAsTheRowsItStandsFor()
    {
        var text = AttemptDraw.Write(Drawn());
        Assert.NotNull(text);

        var read = AttemptDraw.Read(99, text);

        Assert.Equal(
            Drawn().Select(q => (99L, q.Slot, q.Page, q.QuestionId, q.QuestionVersionId, q.Mark, q.OptionOrder, (string?)null, 0L)),
            read.Select(q => (q.AttemptId, q.Slot, q.Page, q.QuestionId, q.QuestionVersionId, q.Mark, q.OptionOrder, q.Response, q.Sequence)));
    }

    [Fact]
    public void AVersion_StartsALine_SoAnotherVersionEndingInTheSameDigitsIsNotIt()
    {
        var text = AttemptDraw.Write(Drawn())!;

        Assert.Contains("\n2\t", text, StringComparison.Ordinal);
        Assert.Contains("\n12\t", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n20\t", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Count(c => c == '\n'));
    }

    [Fact]
    public void AnOptionIdTheTextCannotHold_OrAGapInTheSlots_LeavesTheQuestionsToRows()
    {
        var tab = Drawn();
        tab[0].OptionOrder = "a\tb";
        var gap = Drawn();
        gap[1].Slot = 5;

        Assert.Null(AttemptDraw.Write(tab));
        Assert.Null(AttemptDraw.Write(gap));
        Assert.Null(AttemptDraw.Write([]));
    }

    [Fact]
    public void Expand_FillsTheQuestionsOnlyWhileNoRowIsWritten()
    {
        var drawn = new Attempt { Id = 5, Drawn = AttemptDraw.Write(Drawn()) };
        Assert.Equal([1, 2, 3], AttemptDraw.Expand(drawn).Questions.Select(q => q.Slot));

        var written = new Attempt { Id = 6, Questions = [new AttemptQuestion { Slot = 1, Response = "{}" }] };
        Assert.Same(written.Questions, AttemptDraw.Expand(written).Questions);
    }

    [Fact]
    public void ADamagedDraw_IsAnError_NotAnEmptyAttempt()
    {
        Assert.Throws<FormatException>(() => AttemptDraw.Read(1, "\n12\t7\t0"));
    }
}
