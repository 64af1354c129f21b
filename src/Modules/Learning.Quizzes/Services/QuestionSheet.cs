using System.Globalization;
using Learning.Modularity;

namespace Learning.Quizzes.Services;

/// <summary>
/// The one-row-per-question layout that CSV and XLSX share (ADR-015): fixed columns (category, key, type, name, text, mark,
/// general feedback, settings, units) then pairs of "answer N" and "feedback N". Headers and type names are written in
/// Vietnamese and read in Vietnamese (with or without marks) or English. An answer cell starts with <c>*</c> for a correct
/// choice, <c>%50%</c> for a share of the mark (negative too), <c>\</c> to start with either character literally.
/// </summary>
internal static class QuestionSheet
{
    public const int MinimumOptionColumns = 4;

    private static readonly (string Label, string English)[] Fixed =
    [
        ("Danh mục", "category"), ("Mã", "key"), ("Loại", "type"), ("Tên", "name"), ("Nội dung", "text"), ("Điểm", "mark"),
        ("Giải thích chung", "general feedback"), ("Tùy chọn", "settings"), ("Đơn vị", "units"),
    ];

    private static readonly (QuestionType Type, string Label)[] TypeLabels =
    [
        (QuestionType.SingleChoice, "Một đáp án"), (QuestionType.MultipleChoice, "Nhiều đáp án"), (QuestionType.TrueFalse, "Đúng/Sai"),
        (QuestionType.ShortAnswer, "Trả lời ngắn"), (QuestionType.Numerical, "Số"), (QuestionType.Matching, "Ghép cặp"),
        (QuestionType.Ordering, "Sắp xếp"), (QuestionType.Essay, "Tự luận"),
    ];

    private const string NoShuffle = "không trộn";
    private const string IgnoreDiacritics = "bỏ qua dấu";
    private const string CaseSensitive = "phân biệt hoa thường";
    private const string UnitRequired = "bắt buộc đơn vị";

    private enum Column
    {
        Category,
        Key,
        Type,
        Name,
        Text,
        Mark,
        GeneralFeedback,
        Settings,
        Units,
    }

    public static string TypeLabel(QuestionType type) => TypeLabels.First(t => t.Type == type).Label;

    public static IReadOnlyList<string> Header(int optionColumns) =>
        Fixed.Select(f => f.Label)
            .Concat(Enumerable.Range(1, optionColumns).SelectMany(i => new[] { $"Đáp án {i}", $"Phản hồi {i}" }))
            .ToList();

    /// <summary>The header row, then one row per question.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(IEnumerable<PortableQuestion> questions)
    {
        var list = questions.ToList();
        var columns = Math.Max(MinimumOptionColumns, list.Select(q => Math.Max(q.Question.Options.Count, q.Question.Pairs.Count)).DefaultIfEmpty(0).Max());
        var rows = new List<IReadOnlyList<string>> { Header(columns) };
        rows.AddRange(list.Select(q => Row(q, columns)));
        return rows;
    }

    public static QuestionImport Read(IEnumerable<(string Position, IReadOnlyList<string> Cells)> rows)
    {
        var items = new List<ImportedQuestion>();
        var problems = new List<ImportProblem>();
        Dictionary<Column, int>? columns = null;
        List<(int Answer, int Feedback)> options = [];
        var index = 0;
        foreach (var (position, cells) in rows)
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columns is null)
            {
                (columns, options) = ReadHeader(cells);
                if (!columns.ContainsKey(Column.Type) || !columns.ContainsKey(Column.Text))
                {
                    return QuestionImport.FileProblem(position, ImportCodes.MissingColumns, "Loại, Nội dung");
                }

                continue;
            }

            index++;
            string Cell(Column column) => columns.TryGetValue(column, out var i) && i < cells.Count ? cells[i].Trim() : "";
            var answers = options.Select(o => (Text: o.Answer < cells.Count ? cells[o.Answer].Trim() : "", Feedback: o.Feedback >= 0 && o.Feedback < cells.Count ? FormatText.NullIfEmpty(cells[o.Feedback]) : null))
                .ToList();
            while (answers.Count > 0 && answers[^1].Text.Length == 0 && answers[^1].Feedback is null)
            {
                answers.RemoveAt(answers.Count - 1);
            }

            var text = Cell(Column.Text);
            var name = FormatText.NullIfEmpty(Cell(Column.Name)) ?? FormatText.DefaultName(text);
            var result = ReadRow(Cell, answers, text, name);
            if (result.Code is not null)
            {
                problems.Add(new(position, name, result.Code, result.Args));
            }
            else
            {
                items.Add(new(index, position, FormatText.SplitCategory(Cell(Column.Category)), FormatText.NullIfEmpty(Cell(Column.Key)), result.Question!));
            }
        }

        return columns is null ? QuestionImport.FileProblem("1", ImportCodes.EmptyFile) : new(items, problems);
    }

    /// <summary>Three Vietnamese examples for the downloadable template.</summary>
    public static IReadOnlyList<PortableQuestion> Examples { get; } =
    [
        new(["Kỹ năng số", "Chữ ký số"], "cks-01", new QuestionDefinition
        {
            Type = QuestionType.SingleChoice,
            Name = "Công dụng của chữ ký số",
            Text = "Chữ ký số trên văn bản điện tử dùng để làm gì?",
            GeneralFeedback = "Chữ ký số xác thực người ký và bảo đảm văn bản không bị sửa đổi sau khi ký.",
            Options =
            [
                new() { Id = "a", Text = "Xác thực người ký và bảo đảm văn bản không bị sửa đổi", Fraction = 1, Feedback = "Chính xác." },
                new() { Id = "b", Text = "Trang trí cho văn bản đẹp hơn", Feedback = "Chữ ký số không phải hình ảnh trang trí." },
                new() { Id = "c", Text = "Nén tệp cho nhẹ hơn" },
            ],
        }),
        new(["Kỹ năng số", "Dịch vụ công"], "dvc-01", new QuestionDefinition
        {
            Type = QuestionType.MultipleChoice,
            Name = "Hồ sơ đăng ký khai sinh",
            Text = "Khi đăng ký khai sinh trực tuyến cần chuẩn bị những giấy tờ nào?",
            DefaultMark = 2,
            Options =
            [
                new() { Id = "a", Text = "Tờ khai đăng ký khai sinh", Fraction = 0.5 },
                new() { Id = "b", Text = "Giấy chứng sinh (bản chụp hoặc bản điện tử)", Fraction = 0.5 },
                new() { Id = "c", Text = "Sổ hộ khẩu giấy", Fraction = -0.5, Feedback = "Sổ hộ khẩu giấy không còn được dùng từ năm 2023." },
            ],
        }),
        new(["Kỹ năng số"], "vneid-01", new QuestionDefinition
        {
            Type = QuestionType.ShortAnswer,
            Name = "Ứng dụng định danh",
            Text = "Ứng dụng định danh điện tử quốc gia có tên là gì?",
            IgnoreDiacritics = true,
            Options = [new() { Id = "a", Text = "VNeID", Fraction = 1 }],
        }),
    ];

    private static (Dictionary<Column, int> Columns, List<(int Answer, int Feedback)> Options) ReadHeader(IReadOnlyList<string> cells)
    {
        var columns = new Dictionary<Column, int>();
        var answers = new SortedDictionary<int, int>();
        var feedbacks = new Dictionary<int, int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var folded = SearchText.Fold(cells[i]);
            var match = Array.FindIndex(Fixed, f => SearchText.Fold(f.Label) == folded || SearchText.Fold(f.English) == folded);
            if (match >= 0)
            {
                columns.TryAdd((Column)match, i);
                continue;
            }

            var parts = folded.Split(' ');
            if (parts.Length >= 2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                var head = string.Join(' ', parts[..^1]);
                if (head is "dap an" or "option" or "answer")
                {
                    answers.TryAdd(n, i);
                }
                else if (head is "phan hoi" or "feedback")
                {
                    feedbacks.TryAdd(n, i);
                }
            }
        }

        return (columns, answers.Select(a => (a.Value, feedbacks.GetValueOrDefault(a.Key, -1))).ToList());
    }

    private static QuestionType? ParseType(string cell)
    {
        var folded = SearchText.Fold(cell).Replace(" ", "", StringComparison.Ordinal);
        foreach (var (type, label) in TypeLabels)
        {
            if (folded == SearchText.Fold(label).Replace(" ", "", StringComparison.Ordinal) || folded == type.ToString().ToLowerInvariant())
            {
                return type;
            }
        }

        return null;
    }

    private static (QuestionDefinition? Question, string? Code, object[] Args) ReadRow(Func<Column, string> cell, List<(string Text, string? Feedback)> answers, string text, string name)
    {
        if (ParseType(cell(Column.Type)) is not { } type)
        {
            return (null, ImportCodes.UnknownType, [cell(Column.Type)]);
        }

        if (text.Length == 0)
        {
            return (null, ImportCodes.MissingText, []);
        }

        var mark = 1.0;
        if (cell(Column.Mark).Length > 0 && !FormatText.TryNumber(cell(Column.Mark), out mark))
        {
            return (null, ImportCodes.NotANumber, [cell(Column.Mark)]);
        }

        var settings = cell(Column.Settings).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SearchText.Fold).ToHashSet(StringComparer.Ordinal);
        var units = new List<NumericUnit>();
        foreach (var unit in cell(Column.Units).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = unit.IndexOf('=', StringComparison.Ordinal);
            var multiplier = 1.0;
            if (equals >= 0 && !FormatText.TryNumber(unit[(equals + 1)..], out multiplier))
            {
                return (null, ImportCodes.NotANumber, [unit]);
            }

            units.Add(new() { Name = (equals >= 0 ? unit[..equals] : unit).Trim(), Multiplier = multiplier });
        }

        var question = new QuestionDefinition
        {
            Type = type,
            Name = name,
            Text = text,
            GeneralFeedback = FormatText.NullIfEmpty(cell(Column.GeneralFeedback)),
            DefaultMark = mark,
            ShuffleOptions = !settings.Contains(SearchText.Fold(NoShuffle)) && !settings.Contains("no shuffle"),
            IgnoreDiacritics = settings.Contains(SearchText.Fold(IgnoreDiacritics)) || settings.Contains("ignore diacritics"),
            CaseSensitive = settings.Contains(SearchText.Fold(CaseSensitive)) || settings.Contains("case sensitive"),
            UnitRequired = settings.Contains(SearchText.Fold(UnitRequired)) || settings.Contains("unit required"),
            Units = units,
        };
        return type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.ShortAnswer => ReadWeighted(question, answers),
            QuestionType.TrueFalse => ReadTrueFalse(question, answers),
            QuestionType.Numerical => ReadNumbers(question, answers),
            QuestionType.Matching => ReadPairs(question, answers),
            QuestionType.Ordering => answers.Count(a => a.Text.Length > 0) < 2 ? (null, ImportCodes.TooFewAnswers, [2])
                : (question with { Options = answers.Where(a => a.Text.Length > 0).Select((a, i) => new QuestionOption { Id = FormatText.Id(i), Text = a.Text, Feedback = a.Feedback }).ToList() }, null, []),
            _ => (question, null, []),
        };
    }

    /// <summary>A cell's weight prefix: <c>*</c> = 1, <c>%w%</c> = w/100, <c>\</c> = none (the next character is text).</summary>
    private static (double? Fraction, string Text, bool Bad) Weighted(string cell)
    {
        if (cell.StartsWith('\\'))
        {
            return (null, cell[1..], false);
        }

        if (cell.StartsWith('*') && cell.Length > 1)
        {
            return (1, cell[1..].Trim(), false);
        }

        if (cell.StartsWith('%') && cell.IndexOf('%', 1) is var end and > 0)
        {
            return FormatText.TryPercent(cell[1..end], out var fraction) ? (fraction, cell[(end + 1)..].Trim(), false) : (null, cell, true);
        }

        return (null, cell, false);
    }

    private static string WeightPrefix(double fraction, bool fullIsDefault, string text)
    {
        var escaped = text.StartsWith('*') || text.StartsWith('%') || text.StartsWith('\\') ? "\\" + text : text;
        return fraction switch
        {
            1 when fullIsDefault => escaped,
            1 => "*" + text,
            0 when !fullIsDefault => escaped,
            _ => "%" + FormatText.Percent(fraction) + "%" + text,
        };
    }

    private static (QuestionDefinition?, string?, object[]) ReadWeighted(QuestionDefinition question, List<(string Text, string? Feedback)> answers)
    {
        var shortAnswer = question.Type == QuestionType.ShortAnswer;
        var options = new List<QuestionOption>();
        foreach (var (cell, feedback) in answers.Where(a => a.Text.Length > 0))
        {
            var (fraction, text, bad) = Weighted(cell);
            if (bad)
            {
                return (null, ImportCodes.BadWeight, [cell]);
            }

            options.Add(new() { Id = FormatText.Id(options.Count), Text = text, Fraction = fraction ?? (shortAnswer ? 1 : 0), Feedback = feedback });
        }

        if (options.Count < (shortAnswer ? 1 : 2))
        {
            return (null, ImportCodes.TooFewAnswers, [shortAnswer ? 1 : 2]);
        }

        return options.Any(o => o.Fraction > 0) ? (question with { Options = options }, null, []) : (null, ImportCodes.NoCorrectAnswer, []);
    }

    private static (QuestionDefinition?, string?, object[]) ReadTrueFalse(QuestionDefinition question, List<(string Text, string? Feedback)> answers)
    {
        var first = answers.ElementAtOrDefault(0);
        var second = answers.ElementAtOrDefault(1);
        bool trueIsCorrect;
        if (first.Text?.StartsWith('*') == true)
        {
            trueIsCorrect = true;
        }
        else if (second.Text?.StartsWith('*') == true)
        {
            trueIsCorrect = false;
        }
        else if (second.Text is not { Length: > 0 } && SearchText.Fold(first.Text) is "dung" or "true" or "d" or "t")
        {
            trueIsCorrect = true;
        }
        else if (second.Text is not { Length: > 0 } && SearchText.Fold(first.Text) is "sai" or "false" or "s" or "f")
        {
            trueIsCorrect = false;
        }
        else
        {
            return (null, ImportCodes.NoCorrectAnswer, []);
        }

        return (question with { Options = FormatText.TrueFalse(trueIsCorrect, first.Feedback, second.Feedback) }, null, []);
    }

    private static (QuestionDefinition?, string?, object[]) ReadNumbers(QuestionDefinition question, List<(string Text, string? Feedback)> answers)
    {
        var options = new List<QuestionOption>();
        foreach (var (cell, feedback) in answers.Where(a => a.Text.Length > 0))
        {
            if (cell == "*")
            {
                options.Add(new() { Id = FormatText.Id(options.Count), Text = "*", Feedback = feedback });
                continue;
            }

            var (fraction, text, bad) = Weighted(cell);
            if (bad)
            {
                return (null, ImportCodes.BadWeight, [cell]);
            }

            var separator = text.IndexOfAny([':', '±']);
            var value = separator < 0 ? text : text[..separator];
            var tolerance = 0.0;
            if (!FormatText.TryNumber(value, out var number) || (separator >= 0 && !FormatText.TryNumber(text[(separator + 1)..], out tolerance)))
            {
                return (null, ImportCodes.NotANumber, [text]);
            }

            options.Add(new() { Id = FormatText.Id(options.Count), Text = FormatText.Number(number), Tolerance = Math.Abs(tolerance), Fraction = fraction ?? 1, Feedback = feedback });
        }

        return options.Any(o => o.Text != "*") ? (question with { Options = options }, null, []) : (null, ImportCodes.NoNumber, []);
    }

    private static (QuestionDefinition?, string?, object[]) ReadPairs(QuestionDefinition question, List<(string Text, string? Feedback)> answers)
    {
        var pairs = new List<MatchPair>();
        foreach (var (cell, _) in answers.Where(a => a.Text.Length > 0))
        {
            var arrow = cell.IndexOf("->", StringComparison.Ordinal);
            if (arrow < 0)
            {
                return (null, ImportCodes.MatchingWithoutArrow, [cell]);
            }

            pairs.Add(new() { Id = FormatText.Id(pairs.Count), Prompt = cell[..arrow].Trim(), Answer = cell[(arrow + 2)..].Trim() });
        }

        return pairs.Count(p => p.Prompt.Length > 0) < 2 ? (null, ImportCodes.TooFewAnswers, [2]) : (question with { Pairs = pairs }, null, []);
    }

    private static List<string> Row(PortableQuestion item, int columns)
    {
        var q = item.Question;
        var settings = new List<string>();
        if (!q.ShuffleOptions)
        {
            settings.Add(NoShuffle);
        }

        if (q.IgnoreDiacritics)
        {
            settings.Add(IgnoreDiacritics);
        }

        if (q.CaseSensitive)
        {
            settings.Add(CaseSensitive);
        }

        if (q.UnitRequired)
        {
            settings.Add(UnitRequired);
        }

        var row = new List<string>
        {
            FormatText.JoinCategory(item.CategoryPath), item.Key ?? "", TypeLabel(q.Type), q.Name, q.Text, FormatText.Number(q.DefaultMark),
            q.GeneralFeedback ?? "", string.Join("; ", settings), string.Join("; ", q.Units.Select(u => u.Name + "=" + FormatText.Number(u.Multiplier))),
        };
        var cells = q.Type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice => q.Options.Select(o => (WeightPrefix(o.Fraction, false, o.Text), o.Feedback)),
            QuestionType.TrueFalse => q.Options.OrderBy(o => o.Id == "true" ? 0 : 1).Select(o => ((o.Fraction >= 1 ? "*" : "") + o.Text, o.Feedback)),
            QuestionType.ShortAnswer => q.Options.Select(o => (WeightPrefix(o.Fraction, true, o.Text), o.Feedback)),
            QuestionType.Numerical => q.Options.Select(o => (o.Text.Trim() == "*" ? "*"
                : WeightPrefix(o.Fraction, true, (FormatText.NumberText(o.Text) ?? o.Text) + (o.Tolerance == 0 ? "" : ":" + FormatText.Number(o.Tolerance))), o.Feedback)),
            QuestionType.Matching => q.Pairs.Select(p => ((p.Prompt.Length == 0 ? "" : p.Prompt + " ") + "-> " + p.Answer, (string?)null)),
            QuestionType.Ordering => q.Options.Select(o => (o.Text, o.Feedback)),
            _ => [],
        };
        foreach (var (text, feedback) in cells)
        {
            row.Add(text);
            row.Add(feedback ?? "");
        }

        while (row.Count < Fixed.Length + (2 * columns))
        {
            row.Add("");
        }

        return row;
    }
}
