using System.Text;
using System.Xml.Linq;
using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

public sealed class QuestionGraderTests
{
    private static QuestionOption Option(string id, double fraction, string text = "") => new() { Id = id, Text = text, Fraction = fraction };

    private static QuestionResponse Chose(params string[] ids) => new() { Choices = ids };

    private static QuestionResponse Typed(string text) => new() { Text = text };

    private static readonly QuestionDefinition Single = new()
    {
        Type = QuestionType.SingleChoice,
        Options = [Option("a", 1), Option("b", 0.5), Option("c", 0), Option("d", -0.5)],
    };

    private static readonly QuestionDefinition TrueFalse = new()
    {
        Type = QuestionType.TrueFalse,
        Options = [Option("true", 0), Option("false", 1)],
    };

    // Two right options of three; wrong ones cost half the mark each.
    private static readonly QuestionDefinition Multiple = new()
    {
        Type = QuestionType.MultipleChoice,
        Options = [Option("a", 0.5), Option("b", 0.5), Option("c", -0.5), Option("d", -0.5)],
    };

    private static QuestionDefinition ShortAnswer(bool ignoreDiacritics = false, bool caseSensitive = false, params QuestionOption[] options) => new()
    {
        Type = QuestionType.ShortAnswer,
        IgnoreDiacritics = ignoreDiacritics,
        CaseSensitive = caseSensitive,
        Options = options.Length > 0 ? options : [Option("a", 1, "chữ ký số")],
    };

    private static readonly QuestionDefinition Numerical = new()
    {
        Type = QuestionType.Numerical,
        Options = [new QuestionOption { Id = "a", Text = "3.14", Tolerance = 0.01, Fraction = 1 }, new QuestionOption { Id = "b", Text = "3", Tolerance = 0.5, Fraction = 0.5 }],
    };

    // 1.5 km, answered in metres (the first unit) or kilometres.
    private static QuestionDefinition Distance(bool unitRequired = false) => new()
    {
        Type = QuestionType.Numerical,
        Options = [new QuestionOption { Id = "a", Text = "1500", Tolerance = 0, Fraction = 1 }],
        Units = [new NumericUnit { Name = "m", Multiplier = 1 }, new NumericUnit { Name = "km", Multiplier = 1000 }],
        UnitRequired = unitRequired,
    };

    // Two prompts share the answer "Ủy ban nhân dân xã"; "Bộ Nội vụ" is a distractor.
    private static readonly QuestionDefinition Matching = new()
    {
        Type = QuestionType.Matching,
        Pairs =
        [
            new MatchPair { Id = "p1", Prompt = "Cấp giấy khai sinh", Answer = "Ủy ban nhân dân xã" },
            new MatchPair { Id = "p2", Prompt = "Chứng thực bản sao", Answer = "Ủy ban nhân dân xã" },
            new MatchPair { Id = "p3", Prompt = "Cấp hộ chiếu", Answer = "Công an tỉnh" },
            new MatchPair { Id = "p4", Prompt = "", Answer = "Bộ Nội vụ" },
        ],
    };

    private static readonly QuestionDefinition Ordering = new()
    {
        Type = QuestionType.Ordering,
        Options = [Option("a", 0, "Tiếp nhận"), Option("b", 0, "Thẩm định"), Option("c", 0, "Phê duyệt"), Option("d", 0, "Trả kết quả")],
    };

    private static readonly QuestionDefinition Essay = new() { Type = QuestionType.Essay };

    [Theory]
    [InlineData("a", 1.0)]
    [InlineData("b", 0.5)]
    [InlineData("c", 0.0)]
    [InlineData("d", 0.0)]
    public void Grade_SingleChoice_GivesTheChosenFractionClamped(string choice, double expected)
    {
        var grade = QuestionGrader.Grade(Single, Chose(choice));

        Assert.Equal(expected, grade.Fraction);
        Assert.Equal([choice], grade.FeedbackOptionIds);
    }

    [Fact]
    public void Grade_SingleChoice_TwoChoicesOrAnUnknownOne_ScoresZero()
    {
        Assert.Equal(0, QuestionGrader.Grade(Single, Chose("a", "b")).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(Single, Chose("z")).Fraction);
    }

    [Fact]
    public void Grade_TrueFalse_UsesTheOptionFractions()
    {
        Assert.Equal(1, QuestionGrader.Grade(TrueFalse, Chose("false")).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(TrueFalse, Chose("true")).Fraction);
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, 1.0)]
    [InlineData(new[] { "a" }, 0.5)]
    [InlineData(new[] { "a", "b", "c" }, 0.5)]
    [InlineData(new[] { "a", "c" }, 0.0)]
    [InlineData(new[] { "c", "d" }, 0.0)]
    [InlineData(new[] { "a", "b", "c", "d" }, 0.0)]
    public void Grade_MultipleChoice_SumsFractionsWithPenaltiesClampedAtZero(string[] choices, double expected)
    {
        var grade = QuestionGrader.Grade(Multiple, Chose(choices));

        Assert.Equal(expected, grade.Fraction!.Value, 10);
        Assert.Equal(choices.Order(), grade.FeedbackOptionIds.Order());
    }

    [Fact]
    public void Grade_MultipleChoice_SumAboveOne_IsClampedToOne()
    {
        var generous = Multiple with { Options = [Option("a", 1), Option("b", 0.5)] };

        Assert.Equal(1, QuestionGrader.Grade(generous, Chose("a", "b")).Fraction);
    }

    [Fact]
    public void Grade_MultipleChoice_AChoiceRepeated_CountsOnce()
    {
        Assert.Equal(0.5, QuestionGrader.Grade(Multiple, Chose("a", "a")).Fraction);
    }

    [Theory]
    [InlineData("chữ ký số", 1.0)]
    [InlineData("  Chữ   Ký  SỐ ", 1.0)]
    [InlineData("chu ky so", 0.0)]
    [InlineData("chữ ký", 0.0)]
    public void Grade_ShortAnswer_Default_IgnoresCaseAndSpacesButNotMarks(string answer, double expected)
    {
        Assert.Equal(expected, QuestionGrader.Grade(ShortAnswer(), Typed(answer)).Fraction);
    }

    [Fact]
    public void Grade_ShortAnswer_DecomposedInput_MatchesPrecomposedAnswer()
    {
        var decomposed = "chữ ký số".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("chữ ký số", decomposed);

        Assert.Equal(1, QuestionGrader.Grade(ShortAnswer(), Typed(decomposed)).Fraction);
    }

    [Theory]
    [InlineData("chữ ký số", 1.0)]
    [InlineData("Chữ ký số", 0.0)]
    public void Grade_ShortAnswer_CaseSensitive_RequiresTheCase(string answer, double expected)
    {
        Assert.Equal(expected, QuestionGrader.Grade(ShortAnswer(caseSensitive: true), Typed(answer)).Fraction);
    }

    [Theory]
    [InlineData("chu ky so")]
    [InlineData("Chữ Ký Số")]
    [InlineData("CHU KY SO")]
    [InlineData("chữ ky so")]
    public void Grade_ShortAnswer_IgnoreDiacritics_MatchesWithoutMarksAndCase(string answer)
    {
        Assert.Equal(1, QuestionGrader.Grade(ShortAnswer(ignoreDiacritics: true), Typed(answer)).Fraction);
    }

    [Fact]
    public void Grade_ShortAnswer_IgnoreDiacritics_FoldsDToD()
    {
        var question = ShortAnswer(ignoreDiacritics: true, options: Option("a", 1, "Đảng ủy"));

        Assert.Equal(1, QuestionGrader.Grade(question, Typed("dang uy")).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(question, Typed("dang ủy ban")).Fraction);
    }

    [Theory]
    [InlineData("Nghị định 130/2018/NĐ-CP", 1.0)]
    [InlineData("nghị định số 130", 1.0)]
    [InlineData("Thông tư 130", 0.0)]
    [InlineData("Nghị định", 0.0)]
    public void Grade_ShortAnswer_Wildcard_MatchesAnyRun(string answer, double expected)
    {
        var question = ShortAnswer(options: Option("a", 1, "nghị định*130*"));

        Assert.Equal(expected, QuestionGrader.Grade(question, Typed(answer)).Fraction);
    }

    [Theory]
    [InlineData("chu ky so dien tu", 1.0)]
    [InlineData("Chữ ký số điện tử", 1.0)]
    [InlineData("chuky so", 0.0)]
    public void Grade_ShortAnswer_WildcardWithFolding_KeepsTheWordBoundary(string answer, double expected)
    {
        var question = ShortAnswer(ignoreDiacritics: true, options: Option("a", 1, "chữ ký *"));

        Assert.Equal(expected, QuestionGrader.Grade(question, Typed(answer)).Fraction);
    }

    [Fact]
    public void Grade_ShortAnswer_EscapedStar_IsLiteral()
    {
        var question = ShortAnswer(options: Option("a", 1, @"a\*b"));

        Assert.Equal(1, QuestionGrader.Grade(question, Typed("a*b")).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(question, Typed("axxb")).Fraction);
    }

    [Fact]
    public void Grade_ShortAnswer_BestMatchingFractionWins_AndACatchAllGivesItsFeedback()
    {
        var question = ShortAnswer(options: [Option("any", 0, "*"), Option("half", 0.5, "ủy ban*"), Option("full", 1, "ủy ban nhân dân xã")]);

        var full = QuestionGrader.Grade(question, Typed("Ủy ban nhân dân xã"));
        var half = QuestionGrader.Grade(question, Typed("Ủy ban"));
        var wrong = QuestionGrader.Grade(question, Typed("Hội đồng"));

        Assert.Equal((1.0, "full"), (full.Fraction!.Value, full.FeedbackOptionIds.Single()));
        Assert.Equal((0.5, "half"), (half.Fraction!.Value, half.FeedbackOptionIds.Single()));
        Assert.Equal((0.0, "any"), (wrong.Fraction!.Value, wrong.FeedbackOptionIds.Single()));
    }

    [Theory]
    [InlineData("3,14", 1.0)]
    [InlineData("3.14", 1.0)]
    [InlineData(" 3,145 ", 1.0)]
    [InlineData("3,2", 0.5)]
    [InlineData("2,4", 0.0)]
    [InlineData("ba phẩy mười bốn", 0.0)]
    [InlineData("314e-2", 1.0)]
    public void Grade_Numerical_AcceptsBothDecimalMarksWithinTolerance(string answer, double expected)
    {
        Assert.Equal(expected, QuestionGrader.Grade(Numerical, Typed(answer)).Fraction);
    }

    [Theory]
    [InlineData("1500", 1.0)]
    [InlineData("1500 m", 1.0)]
    [InlineData("1,5 km", 1.0)]
    [InlineData("1.5KM", 1.0)]
    [InlineData("1,5 k m", 1.0)]
    [InlineData("1,5", 0.0)]
    [InlineData("1500 dặm", 0.0)]
    public void Grade_Numerical_Units_MultiplyTheValue(string answer, double expected)
    {
        Assert.Equal(expected, QuestionGrader.Grade(Distance(), Typed(answer)).Fraction);
    }

    [Fact]
    public void Grade_Numerical_UnitRequired_RefusesABareNumber()
    {
        Assert.Equal(0, QuestionGrader.Grade(Distance(unitRequired: true), Typed("1500")).Fraction);
        Assert.Equal(1, QuestionGrader.Grade(Distance(unitRequired: true), Typed("1500 m")).Fraction);
    }

    [Fact]
    public void Grade_Numerical_UnitWithoutUnits_ScoresZero()
    {
        Assert.Equal(0, QuestionGrader.Grade(Numerical, Typed("3,14 cm")).Fraction);
    }

    [Theory]
    [InlineData("3,14", 3.14)]
    [InlineData("1.234.567,5", 1234567.5)]
    [InlineData("1,234,567.5", 1234567.5)]
    [InlineData("1 000", 1000)]
    [InlineData("-0,5", -0.5)]
    [InlineData(".5", 0.5)]
    [InlineData("1,000", 1.0)]
    public void TryParseNumber_ReadsVietnameseAndEnglishForms(string text, double expected)
    {
        Assert.True(QuestionGrader.TryParseNumber(text, out var value));
        Assert.Equal(expected, value, 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e999")]
    public void TryParseNumber_RefusesWhatIsNotAFiniteNumber(string text)
    {
        Assert.False(QuestionGrader.TryParseNumber(text, out _));
    }

    [Fact]
    public void Grade_Matching_PairsWithTheSameAnswerAreInterchangeable()
    {
        var swapped = new QuestionResponse { Matches = new Dictionary<string, string> { ["p1"] = "p2", ["p2"] = "p1", ["p3"] = "p3" } };

        Assert.Equal(1, QuestionGrader.Grade(Matching, swapped).Fraction);
    }

    [Fact]
    public void Grade_Matching_GivesTheShareOfRightPrompts()
    {
        var partial = new QuestionResponse { Matches = new Dictionary<string, string> { ["p1"] = "p1", ["p2"] = "p4", ["p3"] = "p1" } };
        var oneOfThree = new QuestionResponse { Matches = new Dictionary<string, string> { ["p3"] = "p3" } };

        Assert.Equal(1.0 / 3, QuestionGrader.Grade(Matching, partial).Fraction!.Value, 10);
        Assert.Equal(1.0 / 3, QuestionGrader.Grade(Matching, oneOfThree).Fraction!.Value, 10);
    }

    [Theory]
    [InlineData(new[] { "a", "b", "c", "d" }, 1.0)]
    [InlineData(new[] { "a", "b", "d", "c" }, 0.5)]
    [InlineData(new[] { "b", "a", "c", "d" }, 0.5)]
    [InlineData(new[] { "d", "a", "b", "c" }, 0.0)]
    [InlineData(new[] { "a", "b", "c" }, 0.0)]
    [InlineData(new[] { "a", "a", "b", "c" }, 0.0)]
    public void Grade_Ordering_SharesItemsInTheirAbsolutePlace(string[] order, double expected)
    {
        Assert.Equal(expected, QuestionGrader.Grade(Ordering, Chose(order)).Fraction);
    }

    [Fact]
    public void Grade_Essay_WaitsForATrainerUnlessEmpty()
    {
        Assert.True(QuestionGrader.Grade(Essay, Typed("Ý kiến của tôi")).NeedsManualGrading);
        Assert.Equal(0, QuestionGrader.Grade(Essay, Typed("   ")).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(Essay, null).Fraction);
    }

    [Fact]
    public void Grade_NoResponse_ScoresZeroForEveryType()
    {
        foreach (var question in new[] { Single, TrueFalse, Multiple, ShortAnswer(), Numerical, Matching, Ordering, Essay })
        {
            Assert.Equal(0, QuestionGrader.Grade(question, null).Fraction);
            Assert.Equal(0, QuestionGrader.Grade(question, new QuestionResponse()).Fraction);
        }
    }

    [Fact]
    public void Check_AResponseTheFormSends_IsAccepted()
    {
        Assert.Null(QuestionGrader.Check(Single, Chose("b")));
        Assert.Null(QuestionGrader.Check(Multiple, Chose("a", "d")));
        Assert.Null(QuestionGrader.Check(Ordering, Chose("d", "c", "b", "a")));
        Assert.Null(QuestionGrader.Check(Ordering, new QuestionResponse()));
        Assert.Null(QuestionGrader.Check(Numerical, Typed("3,14")));
        Assert.Null(QuestionGrader.Check(Matching, new QuestionResponse { Matches = new Dictionary<string, string> { ["p1"] = "p4" } }));
    }

    [Fact]
    public void Check_ChoiceNotInTheQuestion_IsUnknownOption()
    {
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(Single, Chose("z")));
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(Single, Chose("a", "b")));
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(TrueFalse, Chose("maybe")));
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(Multiple, Chose("a", "e")));
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(Multiple, Chose("a", "a")));
        Assert.Equal("Answer.UnknownOption", QuestionGrader.Check(ShortAnswer(), Chose("a")));
    }

    [Fact]
    public void Check_MatchingWithAnUnknownPromptOrAnswer_IsUnknownPrompt()
    {
        Assert.Equal("Answer.UnknownPrompt", QuestionGrader.Check(Matching, new QuestionResponse { Matches = new Dictionary<string, string> { ["p9"] = "p1" } }));
        Assert.Equal("Answer.UnknownPrompt", QuestionGrader.Check(Matching, new QuestionResponse { Matches = new Dictionary<string, string> { ["p1"] = "p9" } }));
        Assert.Equal("Answer.UnknownPrompt", QuestionGrader.Check(Matching, new QuestionResponse { Matches = new Dictionary<string, string> { ["p4"] = "p1" } }));
        Assert.Equal("Answer.UnknownPrompt", QuestionGrader.Check(Single, new QuestionResponse { Matches = new Dictionary<string, string> { ["p1"] = "p1" } }));
    }

    [Theory]
    [InlineData("a,b,c")]
    [InlineData("a,b,c,c")]
    [InlineData("a,b,c,z")]
    [InlineData("a,b,c,d,d")]
    public void Check_OrderingThatIsNotAPermutation_IsRefused(string order)
    {
        Assert.Equal("Answer.NotAPermutation", QuestionGrader.Check(Ordering, Chose(order.Split(','))));
    }

    [Fact]
    public void Check_TextOverTheLimit_IsTooLong()
    {
        Assert.Null(QuestionGrader.Check(Essay, Typed(new string('x', QuestionGrader.MaxTextLength))));
        Assert.Equal("Answer.TooLong", QuestionGrader.Check(Essay, Typed(new string('x', QuestionGrader.MaxTextLength + 1))));
    }

    [Theory]
    [InlineData("Answer.UnknownOption")]
    [InlineData("Answer.UnknownPrompt")]
    [InlineData("Answer.NotAPermutation")]
    [InlineData("Answer.TooLong")]
    [InlineData("Stats.NegativeDiscrimination")]
    [InlineData("Stats.WeakDiscrimination")]
    [InlineData("Stats.TooHard")]
    [InlineData("Stats.TooEasy")]
    public void ResourceKeys_ExistInVietnameseAndEnglish(string key)
    {
        foreach (var file in new[] { "QuizzesStrings.resx", "QuizzesStrings.en.resx" })
        {
            var values = XDocument.Load(RepositoryRoot.File("src", "Modules", "Learning.Quizzes", "Resources", file))
                .Root!.Elements("data").Where(d => (string?)d.Attribute("name") == key).Select(d => (string?)d.Element("value"));
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(values)), file);
        }
    }
}
