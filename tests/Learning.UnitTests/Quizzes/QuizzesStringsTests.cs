using System.Globalization;
using System.Resources;
using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

/// <summary>Every problem code a reader or the validator reports has a message in both languages that formats with its arguments.</summary>
public sealed class QuizzesStringsTests
{
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(ImportCodes).GetFields())
        {
            data.Add((string)field.GetValue(null)!);
        }

        foreach (var name in new[] { "NameRequired", "TextRequired", "MarkPositive", "DuplicateIds", "FractionRange", "TrueFalseOptions", "OptionTextRequired", "NoCorrectOption", "PairIncomplete", "MatchingPairs", "OrderingItems", "TooFewOptions", "SingleNeedsFull", "MultipleTotal", "NotANumber", "ToleranceNegative", "UnitInvalid", "KeyTooLong", "KeyTaken", "Category" })
        {
            data.Add(QuestionValidator.Prefix + name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Message_ExistsInBothLanguages_AndFormats(string code)
    {
        var manager = new ResourceManager("Learning.Quizzes.Resources.QuizzesStrings", typeof(QuizzesStrings).Assembly);
        foreach (var culture in new[] { "vi", "en" })
        {
            var text = manager.GetString(code, new CultureInfo(culture));
            Assert.False(string.IsNullOrWhiteSpace(text), $"{code} ({culture})");
            Assert.NotEmpty(string.Format(CultureInfo.InvariantCulture, text!, "x", "y"));
        }
    }
}
