using System.Globalization;
using System.Text;
using Learning.Modularity;

namespace Learning.Quizzes.Services;

/// <summary>
/// Grades one response against its question, per type, as Moodle's question types do. Pure: no database, no clock.
/// <list type="bullet">
/// <item>Single choice, true/false: the chosen option's fraction, clamped to [0, 1].</item>
/// <item>Multiple choice: the sum of the chosen fractions (negative ones are penalties), clamped to [0, 1].</item>
/// <item>Short answer: the best fraction among accepted answers that match after trimming, collapsing spaces and NFC; case
/// counts only with <see cref="QuestionDefinition.CaseSensitive"/>; <see cref="QuestionDefinition.IgnoreDiacritics"/> folds
/// both sides with <see cref="SearchText.Fold"/>; <c>*</c> in an accepted answer matches any run of characters
/// (<c>\*</c> is a literal star).</item>
/// <item>Numerical: "3,14" and "3.14" are the same value (see <see cref="TryParseNumber"/>); an optional unit multiplies the
/// value; the best fraction among values within their tolerance wins.</item>
/// <item>Matching: the share of prompts whose chosen answer has the right text (two prompts with the same answer text are
/// interchangeable, as in Moodle).</item>
/// <item>Ordering: the share of items in their absolute correct position (qtype_ordering's "absolute position" grading:
/// simpler to explain to a cadre than "relative to the next item"); a response that is not a permutation scores 0.</item>
/// <item>Essay: waits for a trainer (fraction null) unless empty.</item>
/// </list>
/// </summary>
public static class QuestionGrader
{
    /// <summary>Longest text answer kept: an essay of several pages, far beyond any short answer.</summary>
    public const int MaxTextLength = 20_000;

    private static readonly QuestionGrade Zero = new(0, []);

    /// <summary>The grade of <paramref name="response"/> (null or empty = not answered, fraction 0; essays wait for a trainer).</summary>
    public static QuestionGrade Grade(QuestionDefinition question, QuestionResponse? response)
    {
        if (response is null || response.IsEmpty)
        {
            return Zero;
        }

        return question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.TrueFalse => GradeSingle(question, response),
            QuestionType.MultipleChoice => GradeMultiple(question, response),
            QuestionType.ShortAnswer => GradeShortAnswer(question, response.Text),
            QuestionType.Numerical => GradeNumerical(question, response.Text),
            QuestionType.Matching => GradeMatching(question, response),
            QuestionType.Ordering => GradeOrdering(question, response),
            QuestionType.Essay => string.IsNullOrWhiteSpace(response.Text) ? Zero : QuestionGrade.Manual,
            _ => Zero,
        };
    }

    /// <summary>
    /// Null when the response fits the question; otherwise the resource key of what is wrong (an option id the question does
    /// not have, a matching prompt it does not have, a list that is not a permutation of the items), so a tampered request is
    /// refused before anything is saved. A choice given twice, or choices sent to a question that has none to choose, count as
    /// unknown options: no form the site serves sends them.
    /// </summary>
    public static string? Check(QuestionDefinition question, QuestionResponse response)
    {
        if (response.Text is { Length: > MaxTextLength })
        {
            return "Answer.TooLong";
        }

        var choiceType = question.Type is QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleChoice;
        if (response.Matches.Count > 0 && question.Type != QuestionType.Matching)
        {
            return "Answer.UnknownPrompt";
        }

        if (response.Choices.Count > 0 && !choiceType && question.Type != QuestionType.Ordering)
        {
            return "Answer.UnknownOption";
        }

        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.TrueFalse when response.Choices.Count > 1:
                return "Answer.UnknownOption";
            case QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleChoice:
                var ids = question.Options.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                return response.Choices.All(c => ids.Contains(c) && seen.Add(c)) ? null : "Answer.UnknownOption";
            case QuestionType.Ordering:
                return response.Choices.Count == 0 || IsPermutation(question, response.Choices) ? null : "Answer.NotAPermutation";
            case QuestionType.Matching:
                var prompts = question.Pairs.Where(p => p.Prompt.Length > 0).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                var answers = question.Pairs.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                return response.Matches.All(m => prompts.Contains(m.Key) && answers.Contains(m.Value)) ? null : "Answer.UnknownPrompt";
            default:
                return null;
        }
    }

    /// <summary>
    /// Reads a number written the Vietnamese way ("3,14", "1.234.567,5") or the English way ("3.14", "1,234,567.5"): with both
    /// separators, the last one is the decimal mark; one separator repeated groups thousands; one separator alone is the decimal
    /// mark (so "1,000" is one, as a Vietnamese reader means it). Spaces, a leading sign and an exponent are allowed.
    /// </summary>
    public static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        var s = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            return false;
        }

        var exponentAt = s.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt >= 0 ? s[..exponentAt] : s;
        var exponent = exponentAt >= 0 ? s[exponentAt..] : "";
        var lastDot = mantissa.LastIndexOf('.');
        var lastComma = mantissa.LastIndexOf(',');
        char? decimalMark = null;
        if (lastDot >= 0 && lastComma >= 0)
        {
            decimalMark = lastDot > lastComma ? '.' : ',';
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var mark = lastDot >= 0 ? '.' : ',';
            if (mantissa.Count(c => c == mark) == 1)
            {
                decimalMark = mark;
            }
        }

        var builder = new StringBuilder(mantissa.Length + exponent.Length);
        foreach (var c in mantissa)
        {
            if (c is '.' or ',')
            {
                if (c == decimalMark)
                {
                    builder.Append('.');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append(exponent);
        return double.TryParse(builder.ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static QuestionGrade GradeSingle(QuestionDefinition question, QuestionResponse response)
    {
        if (response.Choices.Count != 1)
        {
            return Zero;
        }

        var option = question.Options.FirstOrDefault(o => o.Id == response.Choices[0]);
        return option is null ? Zero : new QuestionGrade(Clamp(option.Fraction), [option.Id]);
    }

    private static QuestionGrade GradeMultiple(QuestionDefinition question, QuestionResponse response)
    {
        var chosen = new HashSet<string>(response.Choices, StringComparer.Ordinal);
        var options = question.Options.Where(o => chosen.Contains(o.Id)).ToList();
        return new QuestionGrade(Clamp(options.Sum(o => o.Fraction)), options.Select(o => o.Id).ToList());
    }

    private static QuestionGrade GradeShortAnswer(QuestionDefinition question, string? text)
    {
        var answer = ShortAnswerForm(text ?? "", question);
        QuestionOption? best = null;
        foreach (var option in question.Options)
        {
            if ((best is null || option.Fraction > best.Fraction) && !string.IsNullOrWhiteSpace(option.Text) && Matches(answer, option.Text, question))
            {
                best = option;
            }
        }

        return best is null ? Zero : new QuestionGrade(Clamp(best.Fraction), [best.Id]);
    }

    private static bool Matches(string answer, string accepted, QuestionDefinition question)
    {
        var segments = SplitWildcards(accepted).Select(s => ShortAnswerForm(s, question, trim: false)).ToList();
        if (segments.Count == 1)
        {
            return string.Equals(answer, ShortAnswerForm(accepted.Replace("\\*", "*", StringComparison.Ordinal), question), StringComparison.Ordinal);
        }

        // A literal-text glob: the first segment is a prefix, the last a suffix, the middle ones appear in order between them.
        segments[0] = segments[0].TrimStart();
        segments[^1] = segments[^1].TrimEnd();
        if (!answer.StartsWith(segments[0], StringComparison.Ordinal) || !answer.EndsWith(segments[^1], StringComparison.Ordinal)
            || answer.Length < segments[0].Length + segments[^1].Length)
        {
            return false;
        }

        var at = segments[0].Length;
        var end = answer.Length - segments[^1].Length;
        for (var i = 1; i < segments.Count - 1; i++)
        {
            if (segments[i].Length == 0)
            {
                continue;
            }

            var found = answer.IndexOf(segments[i], at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + segments[i].Length;
        }

        return true;
    }

    /// <summary>The accepted answer cut at its unescaped stars; <c>\*</c> stays a star inside a segment.</summary>
    private static List<string> SplitWildcards(string accepted)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < accepted.Length; i++)
        {
            if (accepted[i] == '\\' && i + 1 < accepted.Length && accepted[i + 1] == '*')
            {
                current.Append('*');
                i++;
            }
            else if (accepted[i] == '*')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(accepted[i]);
            }
        }

        segments.Add(current.ToString());
        return segments;
    }

    /// <summary>
    /// The form short answers are compared in. With folding, a segment keeps a single space at each end it had, so that
    /// "chữ *" still requires a word boundary after "chu"; folding drops punctuation, as people's searches do.
    /// </summary>
    internal static string ShortAnswerForm(string text, QuestionDefinition question, bool trim = true)
    {
        if (question.IgnoreDiacritics)
        {
            var folded = SearchText.Fold(text);
            if (!trim && folded.Length > 0)
            {
                var lead = text.Length > 0 && !char.IsLetterOrDigit(text[0]) ? " " : "";
                var tail = text.Length > 0 && !char.IsLetterOrDigit(text[^1]) ? " " : "";
                return lead + folded + tail;
            }

            return folded;
        }

        var collapsed = CollapseSpaces(text.Normalize(NormalizationForm.FormC), trim);
        return question.CaseSensitive ? collapsed : collapsed.ToLowerInvariant();
    }

    private static string CollapseSpaces(string text, bool trim)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && (builder.Length > 0 || !trim))
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        if (space && !trim)
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }

    private static QuestionGrade GradeNumerical(QuestionDefinition question, string? text)
    {
        if (!TryReadWithUnit(question, text ?? "", out var value))
        {
            return Zero;
        }

        QuestionOption? best = null;
        foreach (var option in question.Options)
        {
            if (best is not null && option.Fraction <= best.Fraction)
            {
                continue;
            }

            var any = option.Text.Trim() == "*";
            if (any || (double.TryParse(option.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected)
                && Math.Abs(value - expected) <= Math.Abs(option.Tolerance) + 1e-12 * Math.Max(1, Math.Abs(expected))))
            {
                best = option;
            }
        }

        return best is null ? Zero : new QuestionGrade(Clamp(best.Fraction), [best.Id]);
    }

    internal static bool TryReadWithUnit(QuestionDefinition question, string text, out double value)
    {
        value = 0;
        var trimmed = text.Trim().Normalize(NormalizationForm.FormC);
        var split = NumberLength(trimmed);
        if (split == 0)
        {
            return false;
        }

        if (!TryParseNumber(trimmed[..split], out var number))
        {
            return false;
        }

        var unit = string.Concat(trimmed[split..].Where(c => !char.IsWhiteSpace(c)));
        double multiplier;
        if (unit.Length == 0)
        {
            if (question.Units.Count > 0 && question.UnitRequired)
            {
                return false;
            }

            multiplier = question.Units.Count > 0 ? question.Units[0].Multiplier : 1;
        }
        else
        {
            var known = question.Units.FirstOrDefault(u =>
                string.Equals(string.Concat(u.Name.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c))), unit, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return false;
            }

            multiplier = known.Multiplier;
        }

        value = number * multiplier;
        return double.IsFinite(value);
    }

    /// <summary>How many leading characters can belong to the number: sign, digits, separators, spaces between digits, exponent.</summary>
    private static int NumberLength(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var lastDigit = -1;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ',' || (text[i] == ' ' && lastDigit == i - 1)))
        {
            if (char.IsAsciiDigit(text[i]))
            {
                lastDigit = i;
            }

            i++;
        }

        if (lastDigit < 0)
        {
            return 0;
        }

        var end = lastDigit + 1;
        // An exponent only when digits follow it, so "5 em" stays a unit.
        if (end < text.Length && text[end] is 'e' or 'E')
        {
            var j = end + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            var digits = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j > digits)
            {
                end = j;
            }
        }

        return end;
    }

    private static QuestionGrade GradeMatching(QuestionDefinition question, QuestionResponse response)
    {
        var prompts = question.Pairs.Where(p => p.Prompt.Length > 0).ToList();
        if (prompts.Count == 0)
        {
            return Zero;
        }

        var answers = question.Pairs.ToDictionary(p => p.Id, p => Canonical(p.Answer), StringComparer.Ordinal);
        var right = prompts.Count(p => response.Matches.TryGetValue(p.Id, out var chosen)
            && answers.TryGetValue(chosen, out var text) && text == Canonical(p.Answer));
        return new QuestionGrade((double)right / prompts.Count, []);
    }

    private static QuestionGrade GradeOrdering(QuestionDefinition question, QuestionResponse response)
    {
        if (question.Options.Count == 0 || !IsPermutation(question, response.Choices))
        {
            return Zero;
        }

        var inPlace = question.Options.Where((o, i) => o.Id == response.Choices[i]).Count();
        return new QuestionGrade((double)inPlace / question.Options.Count, []);
    }

    private static bool IsPermutation(QuestionDefinition question, IReadOnlyList<string> choices)
    {
        if (choices.Count != question.Options.Count)
        {
            return false;
        }

        var remaining = question.Options.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        return choices.All(remaining.Remove) && remaining.Count == 0;
    }

    internal static string Canonical(string text) => CollapseSpaces(text.Normalize(NormalizationForm.FormC), trim: true);

    private static double Clamp(double fraction) => double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
}
