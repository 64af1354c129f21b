using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Learning.Quizzes.Services;

/// <summary>What every reader and writer shares: option ids, the true/false options, fractions as percentages, numbers in
/// invariant culture, category paths and default names.</summary>
internal static partial class FormatText
{
    public const string TrueText = "Đúng";
    public const string FalseText = "Sai";

    /// <summary>"a", "b", … "z", "aa", "ab", …: the ids readers give options and pairs, in file order.</summary>
    public static string Id(int index)
    {
        var builder = new StringBuilder();
        index++;
        while (index > 0)
        {
            index--;
            builder.Insert(0, (char)('a' + (index % 26)));
            index /= 26;
        }

        return builder.ToString();
    }

    public static IReadOnlyList<QuestionOption> TrueFalse(bool trueIsCorrect, string? trueFeedback, string? falseFeedback) =>
    [
        new() { Id = "true", Text = TrueText, Fraction = trueIsCorrect ? 1 : 0, Feedback = NullIfEmpty(trueFeedback) },
        new() { Id = "false", Text = FalseText, Fraction = trueIsCorrect ? 0 : 1, Feedback = NullIfEmpty(falseFeedback) },
    ];

    public static QuestionOption? TrueOption(QuestionDefinition question) => question.Options.FirstOrDefault(o => o.Id == "true");

    public static QuestionOption? FalseOption(QuestionDefinition question) => question.Options.FirstOrDefault(o => o.Id == "false");

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A fraction as a percentage without float noise: 0.3333333 → "33.33333", -0.5 → "-50".</summary>
    public static string Percent(double fraction) =>
        ((decimal)fraction * 100m).ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>A percentage back to the fraction it was written from (decimal arithmetic, so 33.33333 → 0.3333333 exactly).</summary>
    public static bool TryPercent(string text, out double fraction)
    {
        fraction = 0;
        if (!decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            return false;
        }

        fraction = (double)(percent / 100m);
        return true;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number in invariant culture; a lone decimal comma ("3,14", as Vietnamese spreadsheets write) is read too.</summary>
    public static bool TryNumber(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (!trimmed.Contains('.', StringComparison.Ordinal) && trimmed.Count(c => c == ',') == 1)
        {
            trimmed = trimmed.Replace(',', '.');
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>A value as numerical options store it (invariant culture), or null when it is not a number.</summary>
    public static string? NumberText(string? text) => TryNumber(text, out var value) ? Number(value) : null;

    /// <summary>Moodle names an unnamed question after the start of its text.</summary>
    public static string DefaultName(string text)
    {
        var plain = WhiteSpace().Replace(text, " ").Trim();
        return plain.Length <= 80 ? plain : plain[..80].TrimEnd() + "…";
    }

    /// <summary>
    /// A category path from Moodle's form (<c>$course$/top/A/B</c>, <c>top/A</c>) or ours (<c>A/B</c>): the context and
    /// <c>top</c> are dropped, "//" is a slash inside a name.
    /// </summary>
    public static IReadOnlyList<string> SplitCategory(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        var names = new List<string>();
        var current = new StringBuilder();
        var text = path.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                current.Append('/');
                i++;
            }
            else if (text[i] == '/')
            {
                names.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        names.Add(current.ToString().Trim());
        names.RemoveAll(n => n.Length == 0);
        if (names.Count > 0 && names[0].Length > 1 && names[0].StartsWith('$') && names[0].EndsWith('$'))
        {
            names.RemoveAt(0);
        }

        if (names.Count > 0 && names[0] == "top")
        {
            names.RemoveAt(0);
        }

        return names;
    }

    /// <summary>A path as Moodle writes it, so its importers file questions under the course's top category.</summary>
    public static string MoodleCategory(IReadOnlyList<string> path) =>
        "$course$/top" + string.Concat(path.Select(n => "/" + n.Replace("/", "//", StringComparison.Ordinal)));

    /// <summary>A path for a spreadsheet cell: <c>A/B</c>.</summary>
    public static string JoinCategory(IReadOnlyList<string> path) =>
        string.Join('/', path.Select(n => n.Replace("/", "//", StringComparison.Ordinal)));

    public static bool SameCategory(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
