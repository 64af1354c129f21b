using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Parses and renders templates: the subject and the text part unencoded (they are not HTML), the subject on one line, the
/// HTML part encoded, sanitised, then placed in the shared layout; both bodies get the layout's footer.
/// </summary>
public sealed partial class TemplateRenderer(LiquidEngine engine, MailHtmlSanitizer sanitizer)
{
    /// <summary>The longest subject a message keeps (the outbox column's size).</summary>
    public const int MaxSubjectLength = 500;

    private readonly ConcurrentDictionary<string, IFluidTemplate> layouts = new(StringComparer.Ordinal);

    public LiquidEngine Engine => engine;

    /// <summary>Parses the three parts; null with the syntax errors (and their lines) when one does not parse.</summary>
    public ParsedTemplate? Parse(TemplateSource source, List<TemplateError> errors)
    {
        var parts = new IFluidTemplate?[3];
        foreach (var part in Enum.GetValues<TemplatePart>())
        {
            if (engine.TryParse(source[part], out var template, out var error, out var line))
            {
                parts[(int)part] = template;
            }
            else
            {
                errors.Add(new TemplateError(part, line, TemplateErrorKind.Syntax, error));
            }
        }

        return parts.All(p => p is not null) ? new ParsedTemplate(parts[0]!, parts[1]!, parts[2]!) : null;
    }

    public async Task<RenderedMail> RenderAsync(ParsedTemplate template, string culture, JsonObject model)
    {
        culture = TemplateCultures.Normalize(culture);
        var subject = OneLine(await LiquidEngine.RenderAsync(template.Subject, engine.Context(model, culture), NullEncoder.Default));
        var text = await LiquidEngine.RenderAsync(template.Text, engine.Context(model, culture), NullEncoder.Default);
        var html = sanitizer.Sanitize(await LiquidEngine.RenderAsync(template.Html, engine.Context(model, culture), LiquidEngine.Html));

        text = Tidy(await InLayoutAsync(TemplatePart.Text, culture, model, subject, text, NullEncoder.Default));
        html = await InLayoutAsync(TemplatePart.Html, culture, model, subject, html, LiquidEngine.Html);
        return new RenderedMail(subject, text, html);
    }

    private async Task<string> InLayoutAsync(TemplatePart part, string culture, JsonObject model, string subject, string content, TextEncoder encoder)
    {
        var layout = layouts.GetOrAdd(part + "." + culture, _ =>
        {
            var source = ShippedTemplates.Layout(part, culture) ?? "{{ content }}";
            return engine.TryParse(source, out var parsed, out var error, out var _) ? parsed : throw new InvalidOperationException($"The shipped {part} layout ({culture}) does not parse: {error}");
        });
        var context = engine.Context(model, culture);
        context.SetValue("subject", new StringValue(subject));
        context.SetValue("content", new StringValue(content, encode: false));
        return await LiquidEngine.RenderAsync(layout, context, encoder);
    }

    /// <summary>Line breaks and runs of spaces become one space, and the subject is cut to the outbox's limit.</summary>
    public static string OneLine(string subject)
    {
        var line = Whitespace().Replace(subject, " ").Trim();
        return line.Length <= MaxSubjectLength ? line : line[..(MaxSubjectLength - 1)].TrimEnd() + "…";
    }

    /// <summary>Trailing spaces go, more than one blank line in a row becomes one (Liquid tags leave blank lines).</summary>
    private static string Tidy(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim() + "\n";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
