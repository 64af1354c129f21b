using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Learning.Quizzes.Services;

/// <summary>
/// Moodle's GIFT text format (https://docs.moodle.org/en/GIFT_format), read as Moodle's <c>qformat_gift</c> reads it: blank
/// lines separate questions, <c>//</c> comment lines, <c>::name::</c>, <c>[html|markdown|plain|moodle]</c>, the escapes
/// <c>\~ \= \# \{ \} \: \\ \n</c>, weights <c>%50%</c> (negative too), <c>#feedback</c>, <c>####general feedback</c>,
/// <c>$CATEGORY:</c>, and the missing-word form. What GIFT cannot say (key, mark, ordering, units, short-answer flags,
/// no shuffling) travels in a comment line <c>// @learning {json}</c> that Moodle skips (ADR-015).
/// </summary>
public static partial class GiftFormat
{
    private const string MarkerPrefix = "// @learning ";

    // Escaped characters are swapped for private-use placeholders while the structure is parsed, as Moodle does.
    private const string Specials = "\\:#={}~";
    private const char NewLinePlaceholder = '\uE00A';

    private static readonly JsonSerializerOptions MarkerJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static QuestionImport Read(string text)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var items = new List<ImportedQuestion>();
        var problems = new List<ImportProblem>();
        IReadOnlyList<string> category = [];
        string? marker = null;
        var markerLine = 0;
        var index = 0;
        var i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }

            var body = new List<string>();
            var firstLine = 0;
            for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                var trimmed = lines[i].Trim();
                if (trimmed.StartsWith(MarkerPrefix.TrimEnd(), StringComparison.Ordinal))
                {
                    marker = trimmed[MarkerPrefix.TrimEnd().Length..].Trim();
                    markerLine = i + 1;
                }
                else if (!trimmed.StartsWith("//", StringComparison.Ordinal))
                {
                    firstLine = firstLine == 0 ? i + 1 : firstLine;
                    body.Add(lines[i]);
                }
            }

            if (body.Count == 0)
            {
                continue;
            }

            var block = Protect(string.Join('\n', body).Trim());
            if (block.StartsWith("$CATEGORY:", StringComparison.Ordinal))
            {
                category = FormatText.SplitCategory(Restore(block["$CATEGORY:".Length..]));
                continue;
            }

            index++;
            var position = firstLine.ToString(CultureInfo.InvariantCulture);
            Extras? extras = null;
            if (marker is not null)
            {
                try
                {
                    extras = JsonSerializer.Deserialize<Extras>(marker, MarkerJson);
                }
                catch (JsonException)
                {
                    problems.Add(new(markerLine.ToString(CultureInfo.InvariantCulture), null, ImportCodes.BadMarker, []));
                }

                marker = null;
            }

            var (question, problem) = ReadQuestion(block, extras);
            if (problem is not null)
            {
                problems.Add(new(position, problem.Value.Name, problem.Value.Code, problem.Value.Args));
            }
            else
            {
                items.Add(new(index, position, category, FormatText.NullIfEmpty(extras?.Key), question!));
            }
        }

        return new(items, problems);
    }

    public static string Write(IEnumerable<PortableQuestion> questions)
    {
        var output = new StringBuilder();
        IReadOnlyList<string>? category = null;
        foreach (var item in questions)
        {
            if (category is null || !FormatText.SameCategory(category, item.CategoryPath))
            {
                category = item.CategoryPath;
                output.Append("$CATEGORY: ").Append(FormatText.MoodleCategory(category)).Append("\n\n");
            }

            var q = item.Question;
            var body = Body(q);
            var extras = new Extras
            {
                Key = FormatText.NullIfEmpty(item.Key),
                Type = Detect(Protect(body)) == q.Type ? null : q.Type,
                Mark = q.DefaultMark == 1 ? null : q.DefaultMark,
                Shuffle = q.ShuffleOptions ? null : false,
                IgnoreDiacritics = q.IgnoreDiacritics ? true : null,
                CaseSensitive = q.CaseSensitive ? true : null,
                UnitRequired = q.UnitRequired ? true : null,
                Units = q.Units.Count == 0 ? null : q.Units.ToList(),
            };
            var json = JsonSerializer.Serialize(extras, MarkerJson);
            if (json != "{}")
            {
                output.Append(MarkerPrefix).Append(json).Append('\n');
            }

            output.Append("::").Append(Escape(q.Name)).Append("::[markdown]").Append(Escape(q.Text)).Append('{');
            output.Append(body);
            if (FormatText.NullIfEmpty(q.GeneralFeedback) is { } general)
            {
                var multiline = body.EndsWith('\n');
                output.Append(multiline ? "\t" : "").Append("####").Append(Escape(general)).Append(multiline ? "\n" : "");
            }

            output.Append("}\n\n");
        }

        return output.ToString();
    }

    /// <summary>GIFT's escapes, as Moodle writes them: every special character, and line breaks as <c>\n</c>.</summary>
    public static string Escape(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    break;
                case var s when Specials.Contains(s, StringComparison.Ordinal):
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Body(QuestionDefinition q)
    {
        var b = new StringBuilder();
        switch (q.Type)
        {
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                b.Append('\n');
                foreach (var o in q.Options)
                {
                    b.Append('\t').Append(q.Type == QuestionType.SingleChoice && o.Fraction == 1 ? "=" : o.Fraction == 0 ? "~" : "~%" + FormatText.Percent(o.Fraction) + "%");
                    b.Append(Escape(o.Text)).Append(Feedback(o.Feedback)).Append('\n');
                }

                break;
            case QuestionType.TrueFalse:
                var trueOption = FormatText.TrueOption(q);
                var trueIsCorrect = trueOption?.Fraction >= 1;
                var right = FormatText.NullIfEmpty(trueIsCorrect ? trueOption?.Feedback : FormatText.FalseOption(q)?.Feedback);
                var wrong = FormatText.NullIfEmpty(trueIsCorrect ? FormatText.FalseOption(q)?.Feedback : trueOption?.Feedback);
                b.Append(trueIsCorrect ? "TRUE" : "FALSE");
                if (wrong is not null || right is not null)
                {
                    b.Append('#').Append(Escape(wrong));
                }

                if (right is not null)
                {
                    b.Append('#').Append(Escape(right));
                }

                break;
            case QuestionType.ShortAnswer:
                b.Append('\n');
                foreach (var o in q.Options)
                {
                    b.Append("\t=").Append(o.Fraction == 1 ? "" : "%" + FormatText.Percent(o.Fraction) + "%").Append(Escape(o.Text)).Append(Feedback(o.Feedback)).Append('\n');
                }

                break;
            case QuestionType.Numerical:
                b.Append("#\n");
                foreach (var o in q.Options.Where(o => o.Text.Trim() != "*"))
                {
                    b.Append("\t=").Append(o.Fraction == 1 ? "" : "%" + FormatText.Percent(o.Fraction) + "%")
                        .Append(FormatText.NumberText(o.Text) ?? o.Text).Append(':').Append(FormatText.Number(o.Tolerance)).Append(Feedback(o.Feedback)).Append('\n');
                }

                foreach (var o in q.Options.Where(o => o.Text.Trim() == "*"))
                {
                    b.Append("\t~#").Append(Escape(o.Feedback)).Append('\n');
                }

                break;
            case QuestionType.Matching:
                b.Append('\n');
                foreach (var p in q.Pairs)
                {
                    b.Append("\t=").Append(Escape(p.Prompt)).Append(" -> ").Append(Escape(p.Answer)).Append('\n');
                }

                break;
            case QuestionType.Ordering:
                // Moodle reads this as matching "1 -> first item", which keeps the meaning where the marker is not understood.
                b.Append('\n');
                for (var i = 0; i < q.Options.Count; i++)
                {
                    b.Append("\t=").Append(i + 1).Append(" -> ").Append(Escape(q.Options[i].Text)).Append('\n');
                }

                break;
            case QuestionType.Essay:
                break;
        }

        return b.ToString();
    }

    private static string Feedback(string? feedback) => FormatText.NullIfEmpty(feedback) is { } text ? "#" + Escape(text) : "";

    private static string Protect(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && (Specials.Contains(text[i + 1], StringComparison.Ordinal) || text[i + 1] == 'n'))
            {
                builder.Append(text[i + 1] == 'n' ? NewLinePlaceholder : (char)(0xE000 + text[i + 1]));
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static string Restore(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c == NewLinePlaceholder ? '\n' : c is > '\uE000' and < '\uE080' && Specials.Contains((char)(c - 0xE000), StringComparison.Ordinal) ? (char)(c - 0xE000) : c);
        }

        return builder.ToString();
    }

    /// <summary>A text with its optional <c>[format]</c> prefix: HTML becomes Markdown, the others are kept.</summary>
    private static string Formatted(string protectedText)
    {
        var text = protectedText.Trim();
        var html = false;
        if (FormatPrefix().Match(text) is { Success: true } match)
        {
            html = match.Groups[1].Value == "html";
            text = text[match.Length..];
        }

        text = Restore(text).Trim();
        return html ? HtmlToMarkdown.Convert(text) : text;
    }

    /// <summary>The type Moodle would see in an answer section (with the general feedback removed).</summary>
    private static QuestionType Detect(string answers)
    {
        var a = answers.Trim();
        if (a.Length == 0)
        {
            return QuestionType.Essay;
        }

        if (a[0] == '#')
        {
            return QuestionType.Numerical;
        }

        if (a.Contains('~', StringComparison.Ordinal))
        {
            return a.Contains('=', StringComparison.Ordinal) ? QuestionType.SingleChoice : QuestionType.MultipleChoice;
        }

        if (a.Contains('=', StringComparison.Ordinal) && a.Contains("->", StringComparison.Ordinal))
        {
            return QuestionType.Matching;
        }

        var head = a.Contains('#', StringComparison.Ordinal) ? a[..a.IndexOf('#', StringComparison.Ordinal)].Trim() : a;
        return head is "T" or "TRUE" or "F" or "FALSE" ? QuestionType.TrueFalse : QuestionType.ShortAnswer;
    }

    private static (QuestionDefinition? Question, (string? Name, string Code, object[] Args)? Problem) ReadQuestion(string block, Extras? extras)
    {
        string? name = null;
        var text = block;
        if (text.StartsWith("::", StringComparison.Ordinal))
        {
            var end = text.IndexOf("::", 2, StringComparison.Ordinal);
            if (end > 0)
            {
                name = Restore(text[2..end]).Trim();
                text = text[(end + 2)..].Trim();
            }
            else
            {
                text = text[2..];
            }
        }

        var start = text.IndexOf('{', StringComparison.Ordinal);
        var finish = text.IndexOf('}', StringComparison.Ordinal);
        if (start < 0 && finish < 0)
        {
            return (null, (name ?? FormatText.DefaultName(Restore(text)), ImportCodes.UnsupportedType, ["description"]));
        }

        if (start < 0 || finish < start)
        {
            return (null, (name ?? FormatText.DefaultName(Restore(text)), ImportCodes.UnclosedBrace, []));
        }

        var answers = text[(start + 1)..finish].Trim();
        var after = text[(finish + 1)..];
        var questionText = Formatted(after.Trim().Length == 0 ? text[..start] : text[..start] + "_____" + after);
        string? general = null;
        if (answers.LastIndexOf("####", StringComparison.Ordinal) is var g and >= 0)
        {
            general = FormatText.NullIfEmpty(Formatted(answers[(g + 4)..]));
            answers = answers[..g].Trim();
        }

        name = FormatText.NullIfEmpty(name) ?? FormatText.DefaultName(questionText);
        if (questionText.Length == 0)
        {
            return (null, (name, ImportCodes.MissingText, []));
        }

        var type = Detect(answers);
        if (extras?.Type is { } declared && (declared == QuestionType.Ordering || (type is QuestionType.SingleChoice or QuestionType.MultipleChoice && declared is QuestionType.SingleChoice or QuestionType.MultipleChoice)))
        {
            type = declared;
        }

        var question = new QuestionDefinition
        {
            Type = type,
            Name = name,
            Text = questionText,
            GeneralFeedback = general,
            DefaultMark = extras?.Mark ?? 1,
            ShuffleOptions = extras?.Shuffle ?? true,
            IgnoreDiacritics = extras?.IgnoreDiacritics ?? false,
            CaseSensitive = extras?.CaseSensitive ?? false,
            UnitRequired = extras?.UnitRequired ?? false,
            Units = extras?.Units ?? [],
        };
        var (read, code, args) = type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice => ReadChoices(question, answers),
            QuestionType.TrueFalse => ReadTrueFalse(question, answers),
            QuestionType.ShortAnswer => ReadShortAnswers(question, answers),
            QuestionType.Numerical => ReadNumbers(question, answers),
            QuestionType.Matching or QuestionType.Ordering => ReadPairs(question, answers),
            _ => (question, null, []),
        };
        return code is null ? (read, null) : (null, (name, code, args));
    }

    private static List<string> Split(string answers, char separator)
    {
        var parts = answers.Split(separator).Select(p => p.Trim()).ToList();
        if (parts.Count > 0 && parts[0].Length == 0)
        {
            parts.RemoveAt(0);
        }

        return parts;
    }

    private static (string Text, string? Feedback) Comment(string answer)
    {
        var hash = answer.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (Formatted(answer), null) : (Formatted(answer[..hash]), FormatText.NullIfEmpty(Formatted(answer[(hash + 1)..])));
    }

    /// <summary>A leading <c>%50%</c> weight: the fraction and the rest, or null weight when there is none.</summary>
    private static (double? Fraction, string Remainder, bool Bad) Weight(string answer)
    {
        if (WeightPrefix().Match(answer) is not { Success: true } match)
        {
            return (null, answer, false);
        }

        return FormatText.TryPercent(match.Groups[1].Value, out var fraction) ? (fraction, answer[match.Length..], false) : (null, answer, true);
    }

    private static (QuestionDefinition, string?, object[]) ReadChoices(QuestionDefinition question, string answers)
    {
        var parts = Split(answers.Replace("=", "~=", StringComparison.Ordinal), '~');
        if (parts.Count < 2)
        {
            return (question, ImportCodes.TooFewAnswers, [2]);
        }

        var options = new List<QuestionOption>();
        foreach (var part in parts)
        {
            var (fraction, rest, bad) = part.StartsWith('=') ? (1, part[1..], false) : Weight(part);
            if (bad)
            {
                return (question, ImportCodes.BadWeight, [Restore(part)]);
            }

            var (text, feedback) = Comment(rest);
            options.Add(new() { Id = FormatText.Id(options.Count), Text = text, Fraction = fraction ?? 0, Feedback = feedback });
        }

        return options.Any(o => o.Fraction > 0) ? (question with { Options = options }, null, []) : (question, ImportCodes.NoCorrectAnswer, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadTrueFalse(QuestionDefinition question, string answers)
    {
        var bits = answers.Split('#', 3);
        var isTrue = bits[0].Trim() is "T" or "TRUE";
        var wrong = bits.Length > 1 ? FormatText.NullIfEmpty(Formatted(bits[1])) : null;
        var right = bits.Length > 2 ? FormatText.NullIfEmpty(Formatted(bits[2])) : null;
        return (question with { Options = FormatText.TrueFalse(isTrue, isTrue ? right : wrong, isTrue ? wrong : right) }, null, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadShortAnswers(QuestionDefinition question, string answers)
    {
        var options = new List<QuestionOption>();
        foreach (var part in Split(answers, '='))
        {
            var (fraction, rest, bad) = Weight(part);
            if (bad)
            {
                return (question, ImportCodes.BadWeight, [Restore(part)]);
            }

            var (text, feedback) = Comment(rest);
            options.Add(new() { Id = FormatText.Id(options.Count), Text = text, Fraction = fraction ?? 1, Feedback = feedback });
        }

        return options.Count == 0 ? (question, ImportCodes.TooFewAnswers, [1])
            : options.Any(o => o.Fraction > 0) ? (question with { Options = options }, null, []) : (question, ImportCodes.NoCorrectAnswer, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadNumbers(QuestionDefinition question, string answers)
    {
        var text = answers[1..];
        string? wrongFeedback = null;
        var hasWrong = false;
        if (text.IndexOf('~', StringComparison.Ordinal) is var tilde and >= 0)
        {
            hasWrong = true;
            wrongFeedback = Comment(text[(tilde + 1)..]).Feedback;
            text = text[..tilde];
        }

        var parts = Split(text, '=');
        if (parts.Count == 0 || (parts.Count == 1 && parts[0].Length == 0))
        {
            return (question, ImportCodes.NoNumber, []);
        }

        var options = new List<QuestionOption>();
        foreach (var part in parts)
        {
            var (fraction, rest, bad) = Weight(part);
            if (bad)
            {
                return (question, ImportCodes.BadWeight, [Restore(part)]);
            }

            var (value, feedback) = Comment(rest);
            double number, tolerance;
            if (value.IndexOf("..", StringComparison.Ordinal) is var range and > 0)
            {
                if (!FormatText.TryNumber(value[..range], out var min) || !FormatText.TryNumber(value[(range + 2)..], out var max))
                {
                    return (question, ImportCodes.NotANumber, [value]);
                }

                number = (min + max) / 2;
                tolerance = max - number;
            }
            else if (value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                if (!FormatText.TryNumber(value[..colon], out number) || !FormatText.TryNumber(value[(colon + 1)..], out tolerance))
                {
                    return (question, ImportCodes.NotANumber, [value]);
                }
            }
            else if (!FormatText.TryNumber(value, out number))
            {
                return (question, value.Length == 0 ? ImportCodes.NoNumber : ImportCodes.NotANumber, [value]);
            }
            else
            {
                tolerance = 0;
            }

            options.Add(new() { Id = FormatText.Id(options.Count), Text = FormatText.Number(number), Tolerance = Math.Abs(tolerance), Fraction = fraction ?? 1, Feedback = feedback });
        }

        if (hasWrong)
        {
            options.Add(new() { Id = FormatText.Id(options.Count), Text = "*", Fraction = 0, Feedback = wrongFeedback });
        }

        return (question with { Options = options }, null, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadPairs(QuestionDefinition question, string answers)
    {
        var pairs = new List<MatchPair>();
        foreach (var part in Split(answers, '='))
        {
            var arrow = part.IndexOf("->", StringComparison.Ordinal);
            if (arrow < 0)
            {
                return (question, ImportCodes.MatchingWithoutArrow, [Restore(part)]);
            }

            pairs.Add(new() { Id = FormatText.Id(pairs.Count), Prompt = Formatted(part[..arrow]), Answer = Formatted(part[(arrow + 2)..]) });
        }

        if (pairs.Count < 2)
        {
            return (question, ImportCodes.TooFewAnswers, [2]);
        }

        if (question.Type == QuestionType.Ordering)
        {
            var ordered = pairs.All(p => int.TryParse(p.Prompt, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                ? pairs.OrderBy(p => int.Parse(p.Prompt, CultureInfo.InvariantCulture)).ToList()
                : pairs;
            return (question with { Options = ordered.Select((p, i) => new QuestionOption { Id = FormatText.Id(i), Text = p.Answer }).ToList() }, null, []);
        }

        return (question with { Pairs = pairs }, null, []);
    }

    [GeneratedRegex(@"^\[(html|markdown|plain|moodle)\]")]
    private static partial Regex FormatPrefix();

    [GeneratedRegex(@"^%\s*(-?[0-9]*\.?[0-9]*)\s*%")]
    private static partial Regex WeightPrefix();

    private sealed record Extras
    {
        public string? Key { get; init; }

        public QuestionType? Type { get; init; }

        public double? Mark { get; init; }

        public bool? Shuffle { get; init; }

        public bool? IgnoreDiacritics { get; init; }

        public bool? CaseSensitive { get; init; }

        public bool? UnitRequired { get; init; }

        public List<NumericUnit>? Units { get; init; }
    }
}
