using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Learning.Media.Services;

/// <summary>Reads WebVTT and SRT into cues, and writes WebVTT. Tags in cue text are dropped; the text is plain.</summary>
public static partial class Captions
{
    public const int MaxCues = 20_000;

    public static IReadOnlyList<Cue> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var isVtt = lines.Length > 0 && lines[0].StartsWith("WEBVTT", StringComparison.Ordinal);
        var cues = new List<Cue>();

        // The header block runs to the first blank line.
        var i = isVtt ? EndOfBlock(lines, 1) : 0;
        while (i < lines.Length)
        {
            if (IsBlank(lines[i]))
            {
                i++;
            }
            else if (isVtt && IsMetadata(lines[i]))
            {
                i = EndOfBlock(lines, i);
            }
            else
            {
                (var cue, i) = ReadCue(lines, i, isVtt);
                cues.Add(cue);
                if (cues.Count > MaxCues)
                {
                    throw new CaptionFormatException(i, "too many cues");
                }
            }
        }

        return cues.Count > 0 ? cues : throw new CaptionFormatException(1, "no cues found");
    }

    public static string ToWebVtt(IEnumerable<Cue> cues)
    {
        var builder = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in cues)
        {
            builder.Append(Format(cue.StartMs)).Append(" --> ").Append(Format(cue.EndMs)).Append('\n')
                .Append(cue.Text.Replace("-->", "->", StringComparison.Ordinal).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal))
                .Append("\n\n");
        }

        return builder.ToString();
    }

    public static string Format(int ms) => TimeSpan.FromMilliseconds(ms).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    /// <summary>
    /// The cue whose first line is <paramref name="first"/>: an optional identifier, the timing line, then text lines up to a
    /// blank one. Returns it with the index of the line after its text.
    /// </summary>
    private static (Cue Cue, int Next) ReadCue(string[] lines, int first, bool isVtt)
    {
        var timingLine = first;
        if (!lines[first].Contains("-->", StringComparison.Ordinal))
        {
            // A cue identifier (SRT's counter, or a VTT id) comes before the timing line.
            if (!isVtt && !int.TryParse(lines[first].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new CaptionFormatException(first + 1, "expected a cue number");
            }

            timingLine = first + 1;
        }

        if (timingLine >= lines.Length)
        {
            throw new CaptionFormatException(timingLine, "a cue has no timing line");
        }

        var (start, end) = ReadTiming(lines[timingLine], timingLine + 1);
        var next = timingLine + 1;
        var body = new StringBuilder();
        while (next < lines.Length && !IsBlank(lines[next]))
        {
            if (body.Length > 0)
            {
                body.Append(' ');
            }

            body.Append(WebUtility.HtmlDecode(TagPattern().Replace(lines[next].Trim(), "")));
            next++;
        }

        return (new Cue(start, end, body.ToString().Trim()), next);
    }

    /// <summary>The start and end of a timing line, in milliseconds; <paramref name="lineNumber"/> (1-based) is for the error.</summary>
    private static (int Start, int End) ReadTiming(string line, int lineNumber)
    {
        var match = TimingPattern().Match(line);
        if (!match.Success)
        {
            throw new CaptionFormatException(lineNumber, "expected a timing line like 00:00:01,000 --> 00:00:04,000");
        }

        var start = ParseTime(match.Groups["start"].Value);
        var end = ParseTime(match.Groups["end"].Value);
        return end > start ? (start, end) : throw new CaptionFormatException(lineNumber, "the cue ends before it starts");
    }

    private static bool IsBlank(string line) => line.Trim().Length == 0;

    /// <summary>WebVTT blocks that are not cues: comments, styles and regions.</summary>
    private static bool IsMetadata(string line) =>
        line.StartsWith("NOTE", StringComparison.Ordinal) || line.StartsWith("STYLE", StringComparison.Ordinal) || line.StartsWith("REGION", StringComparison.Ordinal);

    /// <summary>The index of the first blank line at or after <paramref name="i"/> (or the end): where a block ends.</summary>
    private static int EndOfBlock(string[] lines, int i)
    {
        while (i < lines.Length && !IsBlank(lines[i]))
        {
            i++;
        }

        return i;
    }

    private static int ParseTime(string value)
    {
        var parts = value.Replace(',', '.').Split(':');
        var hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var seconds = decimal.Parse(parts[^1], CultureInfo.InvariantCulture);
        return (int)(((hours * 60) + minutes) * 60_000 + seconds * 1000);
    }

    [GeneratedRegex(@"^\s*(?<start>(\d{1,3}:)?[0-5]?\d:[0-5]\d[,.]\d{3})\s*-->\s*(?<end>(\d{1,3}:)?[0-5]?\d:[0-5]\d[,.]\d{3})")]
    private static partial Regex TimingPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
