using System.Net;
using System.Text.RegularExpressions;

namespace Learning.Quizzes.Services;

/// <summary>
/// Moodle's HTML texts as Markdown: our renderer shows raw HTML as text, so paragraphs, line breaks, bold, italics, lists,
/// links and images become their Markdown, and every other tag is dropped (its text kept). Not a full converter: enough for
/// what Moodle's editor produces.
/// </summary>
internal static partial class HtmlToMarkdown
{
    public static string Convert(string html)
    {
        if (string.IsNullOrWhiteSpace(html) || !html.Contains('<', StringComparison.Ordinal))
        {
            return WebUtility.HtmlDecode(html ?? "").Trim();
        }

        var text = Dropped().Replace(html, "");
        text = LineBreak().Replace(text, "\n");
        text = Image().Replace(text, m => $"![{Attribute(m.Value, "alt")}]({Attribute(m.Value, "src")})");
        text = Link().Replace(text, m => $"[{m.Groups[2].Value}]({m.Groups[1].Value})");
        text = Bold().Replace(text, "**");
        text = Italic().Replace(text, "*");
        text = ListItem().Replace(text, "\n- ");
        text = BlockEnd().Replace(text, "\n\n");
        text = AnyTag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return ManyBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    private static string Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, name + @"\s*=\s*(?:""([^""]*)""|'([^']*)')", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Success && match.Groups[1].Length > 0 ? match.Groups[1].Value : match.Groups[2].Value : "";
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Dropped();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Image();

    [GeneratedRegex(@"<a\b[^>]*?href\s*=\s*[""']([^""']*)[""'][^>]*>(.*?)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"</?(strong|b)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Bold();

    [GeneratedRegex(@"</?(em|i)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Italic();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"</(p|div|h[1-6]|ul|ol|table|tr|blockquote|pre)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBlankLines();
}
