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
        var i = isVtt ? 1 : 0;
        if (isVtt)
        {
            // The header block runs to the first blank line.
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                i++;
            }
        }

        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }

            if (isVtt && (lines[i].StartsWith("NOTE", StringComparison.Ordinal) || lines[i].StartsWith("STYLE", StringComparison.Ordinal) || lines[i].StartsWith("REGION", StringComparison.Ordinal)))
            {
                while (i < lines.Length && lines[i].Trim().Length > 0)
                {
                    i++;
                }

                continue;
            }

            var timingLine = i;
            if (!lines[i].Contains("-->", StringComparison.Ordinal))
            {
                // A cue identifier (SRT's counter, or a VTT id) comes before the timing line.
                if (!isVtt && !int.TryParse(lines[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw new CaptionFormatException(i + 1, "expected a cue number");
                }

                timingLine = i + 1;
            }

            if (timingLine >= lines.Length)
            {
                throw new CaptionFormatException(timingLine, "a cue has no timing line");
            }

            var match = TimingPattern().Match(lines[timingLine]);
            if (!match.Success)
            {
                throw new CaptionFormatException(timingLine + 1, "expected a timing line like 00:00:01,000 --> 00:00:04,000");
            }

            var start = ParseTime(match.Groups["start"].Value);
            var end = ParseTime(match.Groups["end"].Value);
            if (end <= start)
            {
                throw new CaptionFormatException(timingLine + 1, "the cue ends before it starts");
            }

            i = timingLine + 1;
            var body = new StringBuilder();
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                if (body.Length > 0)
                {
                    body.Append(' ');
                }

                body.Append(WebUtility.HtmlDecode(TagPattern().Replace(lines[i].Trim(), "")));
                i++;
            }

            cues.Add(new Cue(start, end, body.ToString().Trim()));
            if (cues.Count > MaxCues)
            {
                throw new CaptionFormatException(i, "too many cues");
            }
        }

        if (cues.Count == 0)
        {
            throw new CaptionFormatException(1, "no cues found");
        }

        return cues;
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
