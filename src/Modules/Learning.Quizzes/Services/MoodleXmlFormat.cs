using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Learning.Quizzes.Services;

/// <summary>
/// Moodle XML, as <c>question/format/xml/format.php</c> reads and writes it: multichoice, truefalse, shortanswer, numerical
/// (with units), matching, essay and qtype_ordering's "ordering", categories as <c>$course$/top/A/B</c>, <c>idnumber</c> as
/// our key. HTML texts become Markdown; ours are written as <c>format="markdown"</c>. Flags Moodle has no field for travel as
/// tags (ADR-015).
/// </summary>
public static class MoodleXmlFormat
{
    public const string IgnoreDiacriticsTag = "learning-ignore-diacritics";
    public const string NoShuffleTag = "learning-no-shuffle";

    private static readonly HashSet<string> Supported = ["multichoice", "truefalse", "shortanswer", "numerical", "match", "matching", "essay", "ordering"];

    public static QuestionImport Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return QuestionImport.FileProblem(ex.LineNumber.ToString(CultureInfo.InvariantCulture), ImportCodes.NotWellFormedXml, ex.LineNumber, ex.LinePosition);
        }

        if (document.Root is not { Name.LocalName: "quiz" } root)
        {
            return QuestionImport.FileProblem("/", ImportCodes.NotMoodleXml);
        }

        var items = new List<ImportedQuestion>();
        var problems = new List<ImportProblem>();
        IReadOnlyList<string> category = [];
        var position = 0;
        var index = 0;
        foreach (var element in root.Elements("question"))
        {
            position++;
            var path = $"/quiz/question[{position}]";
            var type = (string?)element.Attribute("type") ?? "";
            if (type == "category")
            {
                category = FormatText.SplitCategory(Text(element.Element("category")));
                continue;
            }

            index++;
            var text = Formatted(element.Element("questiontext"));
            var name = FormatText.NullIfEmpty(Text(element.Element("name"))) ?? FormatText.DefaultName(text);
            if (!Supported.Contains(type))
            {
                problems.Add(new(path, name, ImportCodes.UnsupportedType, [type]));
                continue;
            }

            if (text.Length == 0)
            {
                problems.Add(new(path, name, ImportCodes.MissingText, []));
                continue;
            }

            var tags = element.Element("tags")?.Elements("tag").Select(Text).ToHashSet(StringComparer.Ordinal) ?? [];
            var question = new QuestionDefinition
            {
                Name = name,
                Text = text,
                GeneralFeedback = FormatText.NullIfEmpty(Formatted(element.Element("generalfeedback"))),
                DefaultMark = FormatText.TryNumber((string?)element.Element("defaultgrade"), out var mark) ? mark : 1,
                ShuffleOptions = element.Element("shuffleanswers") is { } shuffle ? Flag(shuffle) : !tags.Contains(NoShuffleTag),
                IgnoreDiacritics = tags.Contains(IgnoreDiacriticsTag),
            };
            var (read, code, args) = type switch
            {
                "multichoice" => ReadChoices(element, question),
                "truefalse" => ReadTrueFalse(element, question),
                "shortanswer" => ReadShortAnswers(element, question),
                "numerical" => ReadNumbers(element, question),
                "match" or "matching" => ReadMatching(element, question),
                "ordering" => ReadOrdering(element, question),
                _ => (question with { Type = QuestionType.Essay }, null, []),
            };
            var (images, imageCode, imageArgs) = code is null ? Images(element, read) : ([], null, []);
            (code, args) = imageCode is null ? (code, args) : (imageCode, imageArgs);
            if (code is null)
            {
                items.Add(new(index, path, category, FormatText.NullIfEmpty((string?)element.Element("idnumber")), read) { Images = images });
            }
            else
            {
                problems.Add(new(path, name, code, args));
            }
        }

        return new(items, problems);
    }

    public static byte[] Write(IEnumerable<PortableQuestion> questions)
    {
        var quiz = new XElement("quiz");
        IReadOnlyList<string>? category = null;
        foreach (var item in questions)
        {
            if (category is null || !FormatText.SameCategory(category, item.CategoryPath))
            {
                category = item.CategoryPath;
                quiz.Add(new XElement("question", new XAttribute("type", "category"),
                    new XElement("category", new XElement("text", FormatText.MoodleCategory(category))),
                    new XElement("info", new XAttribute("format", "moodle_auto_format"), new XElement("text", ""))));
            }

            quiz.Add(Question(item));
        }

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), quiz).Save(writer);
        }

        return stream.ToArray();
    }

    private static XElement Question(PortableQuestion item)
    {
        var q = item.Question;
        var type = q.Type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice => "multichoice",
            QuestionType.TrueFalse => "truefalse",
            QuestionType.ShortAnswer => "shortanswer",
            QuestionType.Numerical => "numerical",
            QuestionType.Matching => "matching",
            QuestionType.Ordering => "ordering",
            _ => "essay",
        };
        var questionText = Markdown("questiontext", q.Text);
        questionText.Add(item.Images.Select(i => new XElement("file", new XAttribute("name", i.Key), new XAttribute("path", "/"), new XAttribute("encoding", "base64"), Convert.ToBase64String(i.Value))));
        var element = new XElement("question", new XAttribute("type", type),
            new XElement("name", new XElement("text", q.Name)),
            questionText,
            Markdown("generalfeedback", q.GeneralFeedback ?? ""),
            new XElement("defaultgrade", FormatText.Number(q.DefaultMark)),
            new XElement("penalty", "0.3333333"),
            new XElement("hidden", "0"),
            new XElement("idnumber", item.Key ?? ""));
        switch (q.Type)
        {
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                element.Add(new XElement("single", q.Type == QuestionType.SingleChoice ? "true" : "false"),
                    new XElement("shuffleanswers", q.ShuffleOptions ? "true" : "false"),
                    new XElement("answernumbering", "abc"));
                element.Add(q.Options.Select(o => Answer(FormatText.Percent(o.Fraction), o.Text, o.Feedback, "markdown")));
                break;
            case QuestionType.TrueFalse:
                var trueOption = FormatText.TrueOption(q);
                var falseOption = FormatText.FalseOption(q);
                element.Add(Answer(FormatText.Percent(trueOption?.Fraction ?? 0), "true", trueOption?.Feedback, "moodle_auto_format"),
                    Answer(FormatText.Percent(falseOption?.Fraction ?? 0), "false", falseOption?.Feedback, "moodle_auto_format"));
                break;
            case QuestionType.ShortAnswer:
                element.Add(new XElement("usecase", q.CaseSensitive ? "1" : "0"));
                element.Add(q.Options.Select(o => Answer(FormatText.Percent(o.Fraction), o.Text, o.Feedback, "moodle_auto_format")));
                break;
            case QuestionType.Numerical:
                foreach (var o in q.Options)
                {
                    var answer = Answer(FormatText.Percent(o.Fraction), o.Text.Trim() == "*" ? "*" : FormatText.NumberText(o.Text) ?? o.Text, o.Feedback, "moodle_auto_format");
                    answer.Add(new XElement("tolerance", FormatText.Number(o.Tolerance)));
                    element.Add(answer);
                }

                if (q.Units.Count > 0)
                {
                    element.Add(new XElement("units", q.Units.Select(u => new XElement("unit",
                        new XElement("multiplier", FormatText.Number(u.Multiplier)), new XElement("unit_name", u.Name)))));
                }

                element.Add(new XElement("unitgradingtype", q.UnitRequired ? "1" : "0"),
                    new XElement("unitpenalty", "0.1000000"),
                    new XElement("showunits", q.Units.Count > 0 ? "0" : "3"),
                    new XElement("unitsleft", "0"));
                break;
            case QuestionType.Matching:
                element.Add(new XElement("shuffleanswers", q.ShuffleOptions ? "true" : "false"));
                element.Add(q.Pairs.Select(p => new XElement("subquestion", new XAttribute("format", "markdown"),
                    new XElement("text", p.Prompt), new XElement("answer", new XElement("text", p.Answer)))));
                break;
            case QuestionType.Ordering:
                element.Add(new XElement("layouttype", "VERTICAL"), new XElement("selecttype", "ALL"), new XElement("selectcount", "0"),
                    new XElement("gradingtype", "ABSOLUTE_POSITION"), new XElement("showgrading", "SHOW"), new XElement("numberingstyle", "none"));
                element.Add(q.Options.Select((o, i) => Answer((i + 1).ToString(CultureInfo.InvariantCulture), o.Text, o.Feedback, "markdown")));
                break;
            default:
                element.Add(new XElement("responseformat", "editor"), new XElement("responserequired", "1"),
                    new XElement("responsefieldlines", "15"), new XElement("attachments", "0"), new XElement("attachmentsrequired", "0"),
                    new XElement("graderinfo", new XAttribute("format", "html"), new XElement("text", "")),
                    new XElement("responsetemplate", new XAttribute("format", "html"), new XElement("text", "")));
                break;
        }

        var tags = new List<string>();
        if (q.IgnoreDiacritics)
        {
            tags.Add(IgnoreDiacriticsTag);
        }

        if (!q.ShuffleOptions && q.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Matching))
        {
            tags.Add(NoShuffleTag);
        }

        if (tags.Count > 0)
        {
            element.Add(new XElement("tags", tags.Select(t => new XElement("tag", new XElement("text", t)))));
        }

        return element;
    }

    private static XElement Markdown(string name, string text) =>
        new(name, new XAttribute("format", "markdown"), new XElement("text", text));

    private static XElement Answer(string fraction, string text, string? feedback, string format)
    {
        var answer = new XElement("answer", new XAttribute("fraction", fraction), new XAttribute("format", format), new XElement("text", text));
        if (FormatText.NullIfEmpty(feedback) is { } f)
        {
            answer.Add(Markdown("feedback", f));
        }

        return answer;
    }

    private static string Text(XElement? element) => element?.Element("text")?.Value.Trim() ?? "";

    /// <summary>An element's text in its declared format: HTML (Moodle's default for its editor) as Markdown, others kept.</summary>
    private static string Formatted(XElement? element)
    {
        var text = Text(element);
        var format = (string?)element?.Attribute("format") ?? "moodle_auto_format";
        return format == "html" ? HtmlToMarkdown.Convert(text) : text;
    }

    /// <summary>
    /// The images the question's texts reference (<c>@@PLUGINFILE@@/name</c>), from the base64 <c>file</c> elements it carries
    /// (Moodle puts them beside the text that uses them). A reference without its file, a file that is not an image by its
    /// first bytes, or one over <see cref="QuestionImageText.MaxBytes"/>, is the question's problem.
    /// </summary>
    private static (Dictionary<string, byte[]> Images, string? Code, object[] Args) Images(XElement question, QuestionDefinition read)
    {
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var files = question.Descendants("file").Where(f => (string?)f.Attribute("encoding") is null or "base64")
            .GroupBy(f => (string?)f.Attribute("name") ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var name in QuestionImageText.PluginFiles(read))
        {
            if (!files.TryGetValue(name, out var base64))
            {
                return ([], ImportCodes.MissingImage, [name]);
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))));
            }
            catch (FormatException)
            {
                return ([], ImportCodes.NotAnImage, [name]);
            }

            if (bytes.Length > QuestionImageText.MaxBytes)
            {
                return ([], ImportCodes.ImageTooLarge, [name, QuestionImageText.MaxBytes / 1024]);
            }

            if (QuestionImageText.ContentType(bytes) is null)
            {
                return ([], ImportCodes.NotAnImage, [name]);
            }

            images[name] = bytes;
        }

        return (images, null, []);
    }

    private static bool Flag(XElement element) => ((string)element).Trim() is "true" or "1";

    private static IEnumerable<(double Fraction, string Text, string? Feedback, XElement Element)> Answers(XElement question) =>
        question.Elements("answer").Select(a => (
            FormatText.TryPercent((string?)a.Attribute("fraction") ?? "0", out var fraction) ? fraction : 0,
            (string?)a.Attribute("format") == "html" ? HtmlToMarkdown.Convert(Text(a)) : Text(a),
            FormatText.NullIfEmpty(Formatted(a.Element("feedback"))),
            a));

    private static (QuestionDefinition, string?, object[]) ReadChoices(XElement element, QuestionDefinition question)
    {
        var single = element.Element("single") is not { } s || Flag(s);
        var options = Answers(element).Select((a, i) => new QuestionOption { Id = FormatText.Id(i), Text = a.Text, Fraction = a.Fraction, Feedback = a.Feedback }).ToList();
        question = question with { Type = single ? QuestionType.SingleChoice : QuestionType.MultipleChoice, Options = options };
        return options.Count < 2 ? (question, ImportCodes.TooFewAnswers, [2])
            : options.Any(o => o.Fraction > 0) ? (question, null, []) : (question, ImportCodes.NoCorrectAnswer, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadTrueFalse(XElement element, QuestionDefinition question)
    {
        var answers = Answers(element).ToList();
        var trueAnswer = answers.FirstOrDefault(a => a.Text.Equals("true", StringComparison.OrdinalIgnoreCase));
        var falseAnswer = answers.FirstOrDefault(a => a.Text.Equals("false", StringComparison.OrdinalIgnoreCase));
        if (trueAnswer.Element is null || falseAnswer.Element is null)
        {
            return (question, ImportCodes.TooFewAnswers, [2]);
        }

        return (question with { Type = QuestionType.TrueFalse, Options = FormatText.TrueFalse(trueAnswer.Fraction >= 1, trueAnswer.Feedback, falseAnswer.Feedback) }, null, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadShortAnswers(XElement element, QuestionDefinition question)
    {
        var options = Answers(element).Select((a, i) => new QuestionOption { Id = FormatText.Id(i), Text = a.Text, Fraction = a.Fraction, Feedback = a.Feedback }).ToList();
        question = question with
        {
            Type = QuestionType.ShortAnswer,
            Options = options,
            CaseSensitive = element.Element("usecase") is { } usecase && Flag(usecase),
        };
        return options.Count == 0 ? (question, ImportCodes.TooFewAnswers, [1])
            : options.Any(o => o.Fraction > 0) ? (question, null, []) : (question, ImportCodes.NoCorrectAnswer, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadNumbers(XElement element, QuestionDefinition question)
    {
        var options = new List<QuestionOption>();
        foreach (var a in Answers(element))
        {
            var catchAll = a.Text == "*";
            if (!catchAll && !FormatText.TryNumber(a.Text, out _))
            {
                return (question, a.Text.Length == 0 ? ImportCodes.NoNumber : ImportCodes.NotANumber, [a.Text]);
            }

            FormatText.TryNumber((string?)a.Element.Element("tolerance"), out var tolerance);
            options.Add(new()
            {
                Id = FormatText.Id(options.Count),
                Text = catchAll ? "*" : FormatText.NumberText(a.Text)!,
                Fraction = a.Fraction,
                Tolerance = Math.Abs(tolerance),
                Feedback = a.Feedback,
            });
        }

        if (!options.Any(o => o.Text != "*"))
        {
            return (question, ImportCodes.NoNumber, [""]);
        }

        var units = element.Element("units")?.Elements("unit")
            .Select(u => new NumericUnit { Name = ((string?)u.Element("unit_name") ?? "").Trim(), Multiplier = FormatText.TryNumber((string?)u.Element("multiplier"), out var m) ? m : 1 })
            .Where(u => u.Name.Length > 0).ToList() ?? [];
        return (question with
        {
            Type = QuestionType.Numerical,
            Options = options,
            Units = units,
            UnitRequired = units.Count > 0 && ((string?)element.Element("unitgradingtype"))?.Trim() is { Length: > 0 } grading && grading != "0",
        }, null, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadMatching(XElement element, QuestionDefinition question)
    {
        var pairs = element.Elements("subquestion").Select((s, i) => new MatchPair
        {
            Id = FormatText.Id(i),
            Prompt = Formatted(s),
            Answer = Text(s.Element("answer")),
        }).ToList();
        question = question with { Type = QuestionType.Matching, Pairs = pairs };
        return pairs.Count(p => p.Prompt.Length > 0) < 2 ? (question, ImportCodes.TooFewAnswers, [2]) : (question, null, []);
    }

    private static (QuestionDefinition, string?, object[]) ReadOrdering(XElement element, QuestionDefinition question)
    {
        // qtype_ordering keeps each item's place in its fraction (1, 2, 3…); older exports keep document order.
        var answers = element.Elements("answer").Select((a, i) => (
            Place: double.TryParse((string?)a.Attribute("fraction"), NumberStyles.Float, CultureInfo.InvariantCulture, out var place) ? place : i,
            Text: (string?)a.Attribute("format") == "html" ? HtmlToMarkdown.Convert(Text(a)) : Text(a),
            Feedback: FormatText.NullIfEmpty(Formatted(a.Element("feedback"))),
            Index: i)).ToList();
        if (answers.Select(a => a.Place).Distinct().Count() == answers.Count)
        {
            answers = answers.OrderBy(a => a.Place).ToList();
        }

        var options = answers.Select((a, i) => new QuestionOption { Id = FormatText.Id(i), Text = a.Text, Feedback = a.Feedback }).ToList();
        question = question with { Type = QuestionType.Ordering, Options = options };
        return options.Count < 2 ? (question, ImportCodes.TooFewAnswers, [2]) : (question, null, []);
    }
}
