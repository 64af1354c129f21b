using System.Text.RegularExpressions;

namespace Learning.Quizzes.Services;

/// <summary>
/// Images in a question's texts (Markdown image links): Moodle XML's <c>@@PLUGINFILE@@/name</c> references to the files the
/// question carries, and ours, <c>/quiz-images/{id}/{name}</c>, served by the bank. Finds them, rewrites them, and tells an
/// image by its first bytes (PNG, JPEG, GIF, WebP: what a browser shows), never by its name.
/// </summary>
public static partial class QuestionImageText
{
    /// <summary>The largest image a question may carry (Moodle's own default upload limit for a question file is larger; a phone
    /// on 2G fetches this one in about 20 s).</summary>
    public const int MaxBytes = 512 * 1024;

    public const string PluginFile = "@@PLUGINFILE@@/";

    public const string RoutePrefix = "/quiz-images/";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Every text of the question (text, feedback, options, matching prompts and answers) passed through <paramref name="map"/>.</summary>
    public static QuestionDefinition Map(QuestionDefinition question, Func<string, string> map) => question with
    {
        Text = map(question.Text),
        GeneralFeedback = question.GeneralFeedback is { } feedback ? map(feedback) : null,
        Options = [.. question.Options.Select(o => o with { Text = map(o.Text), Feedback = o.Feedback is { } f ? map(f) : null })],
        Pairs = [.. question.Pairs.Select(p => p with { Prompt = map(p.Prompt), Answer = map(p.Answer) })],
    };

    /// <summary>The file names the question's texts reference as <c>@@PLUGINFILE@@/name</c> (URL-decoded), each once.</summary>
    public static IReadOnlyList<string> PluginFiles(QuestionDefinition question) => Found(question, PluginFileReference(), Name);

    /// <summary>Each <c>@@PLUGINFILE@@/name</c> reference replaced by what <paramref name="url"/> gives for its (decoded) name.</summary>
    public static QuestionDefinition ReplacePluginFiles(QuestionDefinition question, Func<string, string> url) =>
        Map(question, text => PluginFileReference().Replace(text, m => url(Name(m))));

    /// <summary>The bank's images the question's texts reference (their ids and names), each once.</summary>
    public static IReadOnlyList<(Guid Id, string Name)> BankImages(QuestionDefinition question) => Found(question, BankReference(), m => (Id(m), Name(m)));

    /// <summary>Each reference to a bank image replaced by what <paramref name="url"/> gives for its id and name.</summary>
    public static QuestionDefinition ReplaceBankImages(QuestionDefinition question, Func<Guid, string, string> url) =>
        Map(question, text => BankReference().Replace(text, m => url(Id(m), Name(m))));

    /// <summary>
    /// <paramref name="text"/> with an image added at its end, as a Markdown image whose address is the file's
    /// <c>@@PLUGINFILE@@</c> reference (the bank stores the file and points the reference at its copy, as for an import).
    /// <paramref name="alt"/> (what the image shows) is the file's name without its extension when empty.
    /// </summary>
    public static string AppendImage(string text, string? alt, string fileName)
    {
        var name = Path.GetFileName(fileName);
        var described = string.IsNullOrWhiteSpace(alt) ? Path.GetFileNameWithoutExtension(name) : alt.Trim();
        described = MarkdownBrackets().Replace(described.ReplaceLineEndings(" "), @"\$0");
        var image = $"![{described}]({PluginFile}{Uri.EscapeDataString(name)})";
        return text.Length == 0 ? image : text.TrimEnd() + "\n\n" + image;
    }

    /// <summary>Where the bank serves an image.</summary>
    public static string Url(Guid id, string name) => RoutePrefix + id.ToString("N") + "/" + Uri.EscapeDataString(name);

    /// <summary>The image's MIME type from its first bytes, or null when they are not a PNG, JPEG, GIF or WebP image.</summary>
    public static string? ContentType(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Png) ? "image/png"
        : bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? "image/jpeg"
        : bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8) ? "image/gif"
        : bytes.Length > 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>What the references in all the question's texts name, in the order they appear, each once.</summary>
    private static List<T> Found<T>(QuestionDefinition question, Regex reference, Func<Match, T> read)
    {
        var found = new List<T>();
        Map(question, text =>
        {
            found.AddRange(reference.Matches(text).Select(read));
            return text;
        });
        return [.. found.Distinct()];
    }

    private static string Name(Match reference) => Uri.UnescapeDataString(reference.Groups["name"].Value);

    private static Guid Id(Match reference) => Guid.ParseExact(reference.Groups["id"].Value, "N");

    [GeneratedRegex(@"@@PLUGINFILE@@/(?<name>[^)\s""'<>]+)")]
    private static partial Regex PluginFileReference();

    [GeneratedRegex(@"[\[\]\\]")]
    private static partial Regex MarkdownBrackets();

    [GeneratedRegex(@"/quiz-images/(?<id>[0-9a-f]{32})/(?<name>[^)\s""'<>]+)")]
    private static partial Regex BankReference();
}
