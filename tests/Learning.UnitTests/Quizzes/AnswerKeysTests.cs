using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

/// <summary>The attempt page names options by their place in the order shown; the service reads the places back as ids.</summary>
public sealed class AnswerKeysTests
{
    private static readonly QuestionDefinition Multiple = new()
    {
        Type = QuestionType.MultipleChoice,
        Options = [new() { Id = "a", Text = "USB token", Fraction = 0.5 }, new() { Id = "b", Text = "SIM PKI", Fraction = 0.5 }, new() { Id = "c", Text = "Chữ ký tay quét", Fraction = -1 }],
    };

    private static readonly QuestionDefinition Matching = new()
    {
        Type = QuestionType.Matching,
        Pairs = [new() { Id = "a", Prompt = "VNeID", Answer = "Định danh" }, new() { Id = "b", Prompt = "Cổng DVC", Answer = "Nộp hồ sơ" }, new() { Id = "c", Prompt = "", Answer = "Nhắn tin" }],
    };

    [Fact]
    public void Places_AreReadInTheAttemptsOrder()
    {
        // Shown as c, a, b: the first box on the page is "c".
        var ids = AnswerKeys.ToIds(Multiple, AnswerKeys.Order("c,a,b"), new QuestionResponse { Choices = ["2", "3"] });
        Assert.Equal(["a", "b"], ids.Choices);
        Assert.Equal(1.0, QuestionGrader.Grade(Multiple, ids).Fraction!.Value, 6);
    }

    [Fact]
    public void MatchingPrompts_ByPlaceAmongPrompts_AnswersByPlaceShown()
    {
        // Answers shown as "Nhắn tin", "Nộp hồ sơ", "Định danh"; prompt 1 is VNeID, prompt 2 Cổng DVC.
        var ids = AnswerKeys.ToIds(Matching, AnswerKeys.Order("c,b,a"), new QuestionResponse { Matches = new Dictionary<string, string> { ["1"] = "3", ["2"] = "2" } });
        Assert.Equal("a", ids.Matches["a"]);
        Assert.Equal("b", ids.Matches["b"]);
        Assert.Equal(1.0, QuestionGrader.Grade(Matching, ids).Fraction!.Value, 6);
    }

    [Theory]
    [InlineData("a")] // an id, not a place
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("")]
    public void APlaceNotOnThePage_IsRefusedByTheCheck(string key)
    {
        var ids = AnswerKeys.ToIds(Multiple, AnswerKeys.Order("a,b,c"), new QuestionResponse { Choices = [key] });
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(Multiple, ids));
        var matches = AnswerKeys.ToIds(Matching, AnswerKeys.Order("a,b,c"), new QuestionResponse { Matches = new Dictionary<string, string> { [key] = "1" } });
        Assert.Equal("Answer.UnknownPrompt", QuestionGrader.Check(Matching, matches));
    }

    [Fact]
    public void TwoBadPrompts_AreRefused_NotACrash()
    {
        var ids = AnswerKeys.ToIds(Matching, AnswerKeys.Order("a,b,c"), new QuestionResponse { Matches = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" } });
        Assert.Equal("Answer.UnknownPrompt", QuestionGrader.Check(Matching, ids));
    }

    [Fact]
    public void TextAnswers_PassThrough()
    {
        var text = new QuestionResponse { Text = "chữ ký số" };
        Assert.Same(text, AnswerKeys.ToIds(new QuestionDefinition { Type = QuestionType.ShortAnswer }, [], text));
    }
}
