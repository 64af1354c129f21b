using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

public sealed class QuestionValidatorTests
{
    private static IEnumerable<string> Codes(QuestionDefinition q) => QuestionValidator.Validate(q).Select(i => i.Code[QuestionValidator.Prefix.Length..]);

    [Fact]
    public void Validate_EverySample_IsValid()
    {
        Assert.All(QuizSamples.All, s => Assert.Empty(QuestionValidator.Validate(s.Question)));
    }

    [Fact]
    public void Validate_MissingNameAndText_AndZeroMark()
    {
        Assert.Equal(["NameRequired", "TextRequired", "MarkPositive"], Codes(new QuestionDefinition { Type = QuestionType.Essay, Name = " ", DefaultMark = 0 }));
    }

    [Fact]
    public void Validate_Choices()
    {
        var single = QuizSamples.All[0].Question;
        Assert.Equal(["NoCorrectOption"], Codes(single with { Options = [.. single.Options.Select(o => o with { Fraction = 0 })] }));
        Assert.Equal(["SingleNeedsFull"], Codes(single with { Options = [.. single.Options.Select(o => o with { Fraction = o.Fraction == 1 ? 0.5 : o.Fraction })] }));
        Assert.Equal(["FractionRange"], Codes(single with { Options = [.. single.Options.Select(o => o with { Fraction = o.Fraction == 0 ? -1.5 : o.Fraction })] }));
        Assert.Equal(["TooFewOptions"], Codes(single with { Options = [single.Options[0]] }));
        var multiple = QuizSamples.All[1].Question;
        Assert.Equal(["MultipleTotal"], Codes(multiple with { Options = [.. multiple.Options.Skip(1)] }));
    }

    [Fact]
    public void Validate_NumericalMatchingOrdering()
    {
        var numerical = QuizSamples.All[5].Question;
        Assert.Equal(["NotANumber"], Codes(numerical with { Options = [.. numerical.Options, new() { Id = "z", Text = "ba", Fraction = 0.1 }] }));
        Assert.Equal(["MatchingPairs"], Codes(QuizSamples.All[6].Question with { Pairs = [.. QuizSamples.All[6].Question.Pairs.Skip(2)] }));
        Assert.Equal(["OrderingItems"], Codes(QuizSamples.All[7].Question with { Options = [QuizSamples.All[7].Question.Options[0]] }));
    }

    [Fact]
    public void Apply_MovesInvalidItemsToProblems_AtTheirPosition()
    {
        var bad = new ImportedQuestion(2, "12", [], null, QuizSamples.All[7].Question with { Options = [] });
        var import = new QuestionImport([new(1, "3", [], null, QuizSamples.All[0].Question), bad], []);

        var applied = QuestionValidator.Apply(import);

        Assert.Single(applied.Items);
        Assert.Equal(("12", "Thứ tự nộp hồ sơ", QuestionValidator.Prefix + "OrderingItems"), (applied.Problems[0].Position, applied.Problems[0].Name, applied.Problems[0].Code));
    }
}
