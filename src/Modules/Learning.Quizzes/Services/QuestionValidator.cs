namespace Learning.Quizzes.Services;

/// <summary>
/// Whether a definition can be saved (codes are resource keys under <c>Question.Invalid.</c>): a name and a text, options that
/// make sense for the type (a 100% choice for single choice, positive shares adding up to 100% for multiple choice, as Moodle
/// requires), fractions in [-1, 1], numbers that parse, two prompted pairs for matching, two items for ordering.
/// </summary>
public static class QuestionValidator
{
    public const string Prefix = "Question.Invalid.";

    public static IReadOnlyList<QuestionIssue> Validate(QuestionDefinition question)
    {
        var issues = new List<QuestionIssue>();
        if (string.IsNullOrWhiteSpace(question.Name))
        {
            issues.Add(new(Prefix + "NameRequired"));
        }

        if (string.IsNullOrWhiteSpace(question.Text))
        {
            issues.Add(new(Prefix + "TextRequired"));
        }

        if (!(question.DefaultMark > 0) || !double.IsFinite(question.DefaultMark))
        {
            issues.Add(new(Prefix + "MarkPositive"));
        }

        if (question.Options.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count() != question.Options.Count
            || question.Pairs.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() != question.Pairs.Count
            || question.Options.Any(o => string.IsNullOrWhiteSpace(o.Id)) || question.Pairs.Any(p => string.IsNullOrWhiteSpace(p.Id)))
        {
            issues.Add(new(Prefix + "DuplicateIds"));
        }

        foreach (var option in question.Options.Where(o => o.Fraction is < -1 or > 1 || double.IsNaN(o.Fraction)))
        {
            issues.Add(new(Prefix + "FractionRange", [option.Text]));
        }

        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                Choices(question, issues);
                break;
            case QuestionType.TrueFalse:
                if (question.Options.Count != 2 || FormatText.TrueOption(question) is not { } t || FormatText.FalseOption(question) is not { } f || t.Fraction + f.Fraction != 1 || t.Fraction * f.Fraction != 0)
                {
                    issues.Add(new(Prefix + "TrueFalseOptions"));
                }

                break;
            case QuestionType.ShortAnswer:
                if (question.Options.Count == 0 || question.Options.Any(o => string.IsNullOrWhiteSpace(o.Text)))
                {
                    issues.Add(new(Prefix + "OptionTextRequired"));
                }
                else if (!question.Options.Any(o => o.Fraction >= 1))
                {
                    issues.Add(new(Prefix + "NoCorrectOption"));
                }

                break;
            case QuestionType.Numerical:
                Numbers(question, issues);
                break;
            case QuestionType.Matching:
                if (question.Pairs.Any(p => string.IsNullOrWhiteSpace(p.Answer)))
                {
                    issues.Add(new(Prefix + "PairIncomplete"));
                }

                if (question.Pairs.Count(p => !string.IsNullOrWhiteSpace(p.Prompt)) < 2)
                {
                    issues.Add(new(Prefix + "MatchingPairs"));
                }

                break;
            case QuestionType.Ordering:
                if (question.Options.Count < 2 || question.Options.Any(o => string.IsNullOrWhiteSpace(o.Text)))
                {
                    issues.Add(new(Prefix + "OrderingItems"));
                }

                break;
        }

        return issues;
    }

    /// <summary>The import with every item that would not save moved to its problems, at its position.</summary>
    public static QuestionImport Apply(QuestionImport import)
    {
        var items = new List<ImportedQuestion>();
        var problems = import.Problems.ToList();
        foreach (var item in import.Items)
        {
            var issues = Validate(item.Question);
            if (issues.Count == 0)
            {
                items.Add(item);
            }
            else
            {
                problems.AddRange(issues.Select(i => new ImportProblem(item.Position, item.Question.Name, i.Code, i.Args)));
            }
        }

        return new(items, problems);
    }

    private static void Choices(QuestionDefinition question, List<QuestionIssue> issues)
    {
        if (question.Options.Count < 2)
        {
            issues.Add(new(Prefix + "TooFewOptions", [2]));
        }

        if (question.Options.Any(o => string.IsNullOrWhiteSpace(o.Text)))
        {
            issues.Add(new(Prefix + "OptionTextRequired"));
        }

        if (!question.Options.Any(o => o.Fraction > 0))
        {
            issues.Add(new(Prefix + "NoCorrectOption"));
        }
        else if (question.Type == QuestionType.SingleChoice && !question.Options.Any(o => o.Fraction >= 1))
        {
            issues.Add(new(Prefix + "SingleNeedsFull"));
        }
        else if (question.Type == QuestionType.MultipleChoice && Math.Abs(question.Options.Where(o => o.Fraction > 0).Sum(o => o.Fraction) - 1) > 0.001)
        {
            issues.Add(new(Prefix + "MultipleTotal"));
        }
    }

    private static void Numbers(QuestionDefinition question, List<QuestionIssue> issues)
    {
        var values = question.Options.Where(o => o.Text.Trim() != "*").ToList();
        if (values.Count == 0)
        {
            issues.Add(new(Prefix + "NoCorrectOption"));
        }

        foreach (var option in values.Where(o => !FormatText.TryNumber(o.Text, out _)))
        {
            issues.Add(new(Prefix + "NotANumber", [option.Text]));
        }

        if (question.Options.Any(o => o.Tolerance < 0 || !double.IsFinite(o.Tolerance)))
        {
            issues.Add(new(Prefix + "ToleranceNegative"));
        }

        if (values.Count > 0 && !values.Any(o => o.Fraction >= 1))
        {
            issues.Add(new(Prefix + "NoCorrectOption"));
        }

        if (question.Units.Any(u => string.IsNullOrWhiteSpace(u.Name) || !(u.Multiplier > 0)))
        {
            issues.Add(new(Prefix + "UnitInvalid"));
        }
    }
}
