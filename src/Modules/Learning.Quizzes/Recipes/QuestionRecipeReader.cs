using System.Globalization;
using System.Text.Json;
using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Recipes;

/// <summary>
/// Reads one question of a <c>questionBank</c> step into a <see cref="QuestionDefinition"/>, refusing what the grader could
/// not grade fairly: an unknown type, a choice with no right option, partial credits that do not add up, a numerical answer
/// that is not a number. Option and pair ids are given in order ("a", "b", …); true/false options are "true" and "false".
/// </summary>
internal sealed class QuestionRecipeReader(RecipeStepContext context, IStringLocalizer t)
{
    /// <summary>The labels of a true/false question are content, like the recipe's other text, not the reader's interface language.</summary>
    private const string TrueText = "Đúng";
    private const string FalseText = "Sai";

    private const double Epsilon = 1e-6;

    private static readonly string[] Common = ["key", "type", "name", "text", "mark", "generalFeedback"];

    private static readonly Dictionary<QuestionType, string[]> ByType = new()
    {
        [QuestionType.SingleChoice] = ["options", "shuffle"],
        [QuestionType.MultipleChoice] = ["options", "shuffle"],
        [QuestionType.TrueFalse] = ["answer", "trueFeedback", "falseFeedback"],
        [QuestionType.ShortAnswer] = ["options", "ignoreDiacritics", "caseSensitive"],
        [QuestionType.Numerical] = ["options", "units", "unitRequired", "tolerance"],
        [QuestionType.Matching] = ["pairs", "shuffle"],
        [QuestionType.Ordering] = ["options", "shuffle"],
        [QuestionType.Essay] = [],
    };

    public (string Key, QuestionDefinition Definition) Read(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw context.WrongType(path, "questions", JsonValueKind.Object, item.ValueKind);
        }

        var key = RecipeShape.RequiredText(context, t, item, "key", path, 100, t["Recipe.QuestionKeyRequired"]);
        var typeName = context.RequiredString(item, "type", path, t["Recipe.TypeRequired"]);
        var type = Enum.GetValues<QuestionType>().Cast<QuestionType?>().FirstOrDefault(v => string.Equals(v.ToString(), typeName, StringComparison.OrdinalIgnoreCase))
            ?? throw context.Error(path + ".type", t["Recipe.TypeUnknown", typeName, string.Join(", ", Enum.GetNames<QuestionType>())]);
        RecipeShape.RefuseUnknown(context, t, item, path, [.. Common, .. ByType[type]]);

        var text = context.RequiredString(item, "text", path, t["Recipe.TextRequired"]);
        var definition = new QuestionDefinition
        {
            Type = type,
            Name = RecipeShape.OptionalText(context, t, item, "name", path, 300) ?? NameFrom(text),
            Text = text,
            GeneralFeedback = context.OptionalString(item, "generalFeedback", path),
            DefaultMark = RecipeShape.OptionalNumber(context, t, item, "mark", path, 0.01, 1000) ?? 1,
            ShuffleOptions = RecipeShape.OptionalBool(context, item, "shuffle", path) ?? true,
        };

        definition = type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice => definition with { Options = ReadChoices(item, path, type) },
            QuestionType.TrueFalse => definition with { Options = ReadTrueFalse(item, path), ShuffleOptions = false },
            QuestionType.ShortAnswer => definition with
            {
                Options = ReadAnswers(item, path, type),
                IgnoreDiacritics = RecipeShape.OptionalBool(context, item, "ignoreDiacritics", path) ?? false,
                CaseSensitive = RecipeShape.OptionalBool(context, item, "caseSensitive", path) ?? false,
            },
            QuestionType.Numerical => ReadNumerical(item, path, definition),
            QuestionType.Matching => definition with { Pairs = ReadPairs(item, path) },
            QuestionType.Ordering => definition with { Options = ReadOrdering(item, path) },
            _ => definition with { ShuffleOptions = false },
        };

        return (key, definition);
    }

    private List<QuestionOption> ReadChoices(JsonElement item, string path, QuestionType type)
    {
        var options = ReadOptions(item, path, ["text", "fraction", "feedback"], defaultFraction: 0);
        if (options.Count < 2)
        {
            throw context.Error(path + ".options", t["Recipe.OptionsTooFew", 2]);
        }

        if (type == QuestionType.SingleChoice && !options.Any(o => Math.Abs(o.Fraction - 1) < Epsilon))
        {
            throw context.Error(path + ".options", t["Recipe.NoCorrectOption", type]);
        }

        var positive = options.Where(o => o.Fraction > 0).Sum(o => o.Fraction);
        if (type == QuestionType.MultipleChoice && positive <= 0)
        {
            throw context.Error(path + ".options", t["Recipe.NoCorrectOption", type]);
        }

        // As in Moodle: choosing every right option earns the whole mark, no more and no less.
        if (type == QuestionType.MultipleChoice && Math.Abs(positive - 1) > 0.01)
        {
            throw context.Error(path + ".options", t["Recipe.FractionsSum", positive.ToString("0.###", CultureInfo.InvariantCulture)]);
        }

        return options;
    }

    private List<QuestionOption> ReadTrueFalse(JsonElement item, string path)
    {
        var answer = RecipeShape.OptionalBool(context, item, "answer", path) ?? throw context.Error(path + ".answer", t["Recipe.AnswerRequired"]);
        return
        [
            new QuestionOption { Id = "true", Text = TrueText, Fraction = answer ? 1 : 0, Feedback = context.OptionalString(item, "trueFeedback", path) },
            new QuestionOption { Id = "false", Text = FalseText, Fraction = answer ? 0 : 1, Feedback = context.OptionalString(item, "falseFeedback", path) },
        ];
    }

    private List<QuestionOption> ReadAnswers(JsonElement item, string path, QuestionType type)
    {
        var options = ReadOptions(item, path, ["text", "fraction", "feedback"], defaultFraction: 1);
        return options.Any(o => Math.Abs(o.Fraction - 1) < Epsilon) ? options : throw context.Error(path + ".options", t["Recipe.NoCorrectOption", type]);
    }

    private QuestionDefinition ReadNumerical(JsonElement item, string path, QuestionDefinition definition)
    {
        var tolerance = RecipeShape.OptionalNumber(context, t, item, "tolerance", path, 0, double.MaxValue) ?? 0;
        var options = new List<QuestionOption>();
        foreach (var (option, optionPath) in context.ArrayItems(item, "options", path, t["Recipe.OptionsRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(context, t, option, optionPath, ["text", "fraction", "feedback", "tolerance"]);
            options.Add(new QuestionOption
            {
                Id = RecipeShape.Letters(options.Count),
                Text = NumberText(option, optionPath),
                Fraction = RecipeShape.OptionalNumber(context, t, option, "fraction", optionPath, -1, 1) ?? 1,
                Tolerance = RecipeShape.OptionalNumber(context, t, option, "tolerance", optionPath, 0, double.MaxValue) ?? tolerance,
                Feedback = context.OptionalString(option, "feedback", optionPath),
            });
        }

        if (!options.Any(o => Math.Abs(o.Fraction - 1) < Epsilon))
        {
            throw context.Error(path + ".options", t["Recipe.NoCorrectOption", QuestionType.Numerical]);
        }

        var units = new List<NumericUnit>();
        if (item.TryGetProperty("units", out var unitsElement) && unitsElement.ValueKind != JsonValueKind.Null)
        {
            foreach (var (unit, unitPath) in context.ArrayItems(item, "units", path, t["Recipe.OptionsRequired"]).ToList())
            {
                RecipeShape.RefuseUnknown(context, t, unit, unitPath, ["name", "multiplier"]);
                units.Add(new NumericUnit
                {
                    Name = RecipeShape.RequiredText(context, t, unit, "name", unitPath, 50, t["Recipe.UnitNameRequired"]),
                    Multiplier = RecipeShape.OptionalNumber(context, t, unit, "multiplier", unitPath, double.Epsilon, double.MaxValue) ?? 1,
                });
            }
        }

        var unitRequired = RecipeShape.OptionalBool(context, item, "unitRequired", path) ?? false;
        if (unitRequired && units.Count == 0)
        {
            throw context.Error(path + ".unitRequired", t["Recipe.UnitsMissing"]);
        }

        return definition with { Options = options, Units = units, UnitRequired = unitRequired, ShuffleOptions = false };
    }

    /// <summary>The value in invariant culture, written as a JSON number or a string ("2.5"; "2,5" is refused, not read as 25).</summary>
    private string NumberText(JsonElement option, string path)
    {
        if (!option.TryGetProperty("text", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw context.Error(path + ".text", t["Recipe.OptionTextRequired"]);
        }

        var raw = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => throw context.WrongType(path + ".text", "text", JsonValueKind.Number, value.ValueKind),
        };
        return double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : throw context.Error(path + ".text", t["Recipe.NotANumber", raw]);
    }

    private List<MatchPair> ReadPairs(JsonElement item, string path)
    {
        var pairs = new List<MatchPair>();
        foreach (var (pair, pairPath) in context.ArrayItems(item, "pairs", path, t["Recipe.PairsRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(context, t, pair, pairPath, ["prompt", "answer"]);
            pairs.Add(new MatchPair
            {
                Id = RecipeShape.Letters(pairs.Count),
                Prompt = context.OptionalString(pair, "prompt", pairPath) ?? "",
                Answer = context.RequiredString(pair, "answer", pairPath, t["Recipe.PairAnswerRequired"]),
            });
        }

        return pairs.Count(p => p.Prompt.Length > 0) >= 2 ? pairs : throw context.Error(path + ".pairs", t["Recipe.PairsTooFew", 2]);
    }

    private List<QuestionOption> ReadOrdering(JsonElement item, string path)
    {
        var options = ReadOptions(item, path, ["text"], defaultFraction: 0);
        if (options.Count < 2)
        {
            throw context.Error(path + ".options", t["Recipe.OptionsTooFew", 2]);
        }

        var twice = options.GroupBy(o => o.Text, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? options : throw context.Error(path + ".options", t["Recipe.OptionTwice", twice.Key]);
    }

    private List<QuestionOption> ReadOptions(JsonElement item, string path, string[] allowed, double defaultFraction)
    {
        var options = new List<QuestionOption>();
        foreach (var (option, optionPath) in context.ArrayItems(item, "options", path, t["Recipe.OptionsRequired"]).ToList())
        {
            RecipeShape.RefuseUnknown(context, t, option, optionPath, allowed);
            options.Add(new QuestionOption
            {
                Id = RecipeShape.Letters(options.Count),
                Text = context.RequiredString(option, "text", optionPath, t["Recipe.OptionTextRequired"]),
                Fraction = RecipeShape.OptionalNumber(context, t, option, "fraction", optionPath, -1, 1) ?? defaultFraction,
                Feedback = context.OptionalString(option, "feedback", optionPath),
            });
        }

        return options;
    }

    /// <summary>A list name for a question given none: its text's first line, without Markdown's marks, cut at a word.</summary>
    private static string NameFrom(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        line = line.Trim('#', '*', '_', '>', ' ');
        if (line.Length <= 80)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', 79);
        return string.Concat(line.AsSpan(0, cut > 40 ? cut : 79), "…");
    }
}
