using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Learning.Modularity;

namespace Learning.Certificates.Services.Pdf;

/// <summary>One printed line of a certificate's body.</summary>
public sealed record BodyLine(string Text, BodyLineStyle Style);

public enum BodyLineStyle
{
    Normal,
    Strong,
    Prominent,
}

/// <summary>
/// A template's body: Liquid (Fluid) over an allow-list of string variables. Values are data: they are substituted once and never
/// parsed again, so a name holding <c>{{</c>, <c>%</c> or <c>\</c> prints as typed; a line break inside a value is flattened so
/// a value cannot add lines or change a line's style.
/// </summary>
public sealed partial class CertificateBody
{
    public static readonly IReadOnlyList<string> Variables =
        ["name", "position", "unit", "course", "hours", "completed_on", "score", "serial", "issued_on", "expires_on"];

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { MaxSteps = 10_000, MaxRecursion = 10 };
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>Checks Liquid; on failure the parser's message and its 1-based line (0 when unknown).</summary>
    public static bool TryParse(string source, out IFluidTemplate? template, out string error, out int line)
    {
        if (Parser.TryParse(source, out var parsed, out var message))
        {
            template = parsed;
            error = "";
            line = 0;
            return true;
        }

        template = null;
        message ??= "";
        var cut = message.IndexOf("\nSource:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var position = PositionPattern().Matches(message).LastOrDefault();
        line = position is null ? 0 : int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture);
        error = position is null ? message.Trim() : message.Remove(position.Index, position.Length).Trim();
        return false;
    }

    /// <summary>Variables the body names that are not in <see cref="Variables"/> (a typo would print nothing).</summary>
    public static IReadOnlyList<string> UnknownVariables(string source) =>
        OutputPattern().Matches(source).Select(m => m.Groups[1].Value)
            .Where(v => !Variables.Contains(v, StringComparer.Ordinal) && v is not ("true" or "false" or "nil" or "empty" or "blank"))
            .Distinct(StringComparer.Ordinal).ToList();

    public static IReadOnlyDictionary<string, string?> Values(CertificateFacts facts)
    {
        var culture = CultureOf(facts.Culture);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = facts.HolderName,
            ["position"] = facts.Position,
            ["unit"] = facts.Unit,
            ["course"] = facts.CourseTitle,
            ["hours"] = facts.Hours?.ToString("0.##", culture),
            ["completed_on"] = LocalDate(facts.CompletedUtc, culture),
            ["score"] = facts.ScorePercent?.ToString("0.##", culture),
            ["serial"] = facts.Serial,
            ["issued_on"] = LocalDate(facts.IssuedUtc, culture),
            ["expires_on"] = facts.ExpiresUtc is { } expires ? LocalDate(expires, culture) : null,
        };
    }

    /// <summary>The body's printed lines: Liquid rendered, blank lines dropped, <c>#</c> / <c>##</c> prefixes read as styles.</summary>
    public static async ValueTask<IReadOnlyList<BodyLine>> RenderAsync(string source, CertificateFacts facts)
    {
        var template = Parsed.GetOrAdd(source, s => TryParse(s, out var t, out var error, out _) ? t! : throw new InvalidOperationException("Certificate body: " + error));
        if (Parsed.Count > 1000)
        {
            Parsed.Clear();
        }

        var context = new TemplateContext(Options) { CultureInfo = CultureOf(facts.Culture), TimeZone = LocalTime.DefaultZone };
        foreach (var (name, value) in Values(facts))
        {
            context.SetValue(name, value is null ? NilValue.Instance : new StringValue(Flatten(value)));
        }

        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await template.RenderAsync(writer, NullEncoder.Default, context);
        return Lines(writer.ToString());
    }

    public static IReadOnlyList<BodyLine> Lines(string rendered)
    {
        var lines = new List<BodyLine>();
        foreach (var raw in rendered.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                lines.Add(new BodyLine(line[3..].Trim(), BodyLineStyle.Strong));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                lines.Add(new BodyLine(line[2..].Trim(), BodyLineStyle.Prominent));
            }
            else
            {
                lines.Add(new BodyLine(line, BodyLineStyle.Normal));
            }
        }

        return lines;
    }

    public static CultureInfo CultureOf(string? culture) =>
        culture is { Length: >= 2 } c && c.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("vi-VN");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), LocalTime.DefaultZone);

    private static string LocalDate(DateTime utc, CultureInfo culture) => ToLocal(utc).ToString("dd/MM/yyyy", culture);

    private static string Flatten(string value) =>
        WhiteSpace().Replace(value, " ").Trim();

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex OutputPattern();

    [GeneratedRegex(@"[\r\n\t\u2028\u2029]+")]
    private static partial Regex WhiteSpace();
}
