using System.Collections.Concurrent;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// The templates the module ships, embedded as <c>Defaults/{type}.{culture}.{subject|txt|html}.liquid</c>, and the shared
/// layouts <c>Defaults/_layout.{culture}.{txt|html}.liquid</c> that wrap every body (site name, footer, unsubscribe link).
/// </summary>
public static class ShippedTemplates
{
    private const string Prefix = "Learning.Notifications.Templates.";

    private static readonly ConcurrentDictionary<string, string?> Resources = new(StringComparer.Ordinal);

    /// <summary>The shipped template of a type in a culture (Vietnamese when the culture has none), or null for an unknown type.</summary>
    public static TemplateSource? Get(string type, string culture)
    {
        culture = TemplateCultures.Normalize(culture);
        var subject = Read($"{type}.{culture}.subject.liquid") ?? Read($"{type}.vi.subject.liquid");
        var text = Read($"{type}.{culture}.txt.liquid") ?? Read($"{type}.vi.txt.liquid");
        var html = Read($"{type}.{culture}.html.liquid") ?? Read($"{type}.vi.html.liquid");
        return subject is null || text is null || html is null ? null : new TemplateSource(subject.Trim(), text, html);
    }

    /// <summary>The layout a body part is rendered into (its <c>content</c> variable); the subject has none.</summary>
    public static string? Layout(TemplatePart part, string culture)
    {
        if (part == TemplatePart.Subject)
        {
            return null;
        }

        culture = TemplateCultures.Normalize(culture);
        var extension = part == TemplatePart.Html ? "html" : "txt";
        return Read($"_layout.{culture}.{extension}.liquid") ?? Read($"_layout.vi.{extension}.liquid");
    }

    private static string? Read(string name) => Resources.GetOrAdd(name, static n =>
    {
        using var stream = typeof(ShippedTemplates).Assembly.GetManifestResourceStream(Prefix + n);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    });
}
