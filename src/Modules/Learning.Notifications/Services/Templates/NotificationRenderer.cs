using Learning.Data;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// <see cref="INotificationRenderer"/>: the administrator's template for the type and culture if there is one, else the
/// shipped one; a culture without either falls back to Vietnamese. Parsed templates are cached by version, so a render
/// costs one small query (the row's version) and no parsing.
/// </summary>
internal sealed class NotificationRenderer(
    LearningDbContext db,
    TemplateRenderer renderer,
    ParsedTemplateCache cache,
    ILogger<NotificationRenderer> logger) : INotificationRenderer
{
    private const string ShippedVersion = "shipped";

    public async Task<RenderedMail> RenderAsync(string type, string culture, string modelJson, CancellationToken cancellationToken)
    {
        if (TemplateModels.Schema(type) is null)
        {
            throw new ArgumentException($"No template for notification type '{type}'.", nameof(type));
        }

        culture = TemplateCultures.Normalize(culture);
        var template = await LoadAsync(type, culture, cancellationToken);
        return await renderer.RenderAsync(template, culture, LiquidEngine.ParseModel(modelJson));
    }

    private async Task<ParsedTemplate> LoadAsync(string type, string culture, CancellationToken cancellationToken)
    {
        var stamp = await db.Set<NotificationTemplate>().AsNoTracking()
            .Where(t => t.Type == type && t.Culture == culture)
            .Select(t => new { t.Id, t.UpdatedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (stamp is null)
        {
            return Shipped(type, culture);
        }

        var version = $"db:{stamp.Id}:{stamp.UpdatedUtc.Ticks}";
        if (cache.TryGet(type, culture, version, out var cached))
        {
            return cached;
        }

        var row = await db.Set<NotificationTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == stamp.Id, cancellationToken);
        if (row is null)
        {
            return Shipped(type, culture);
        }

        var errors = new List<TemplateError>();
        var parsed = renderer.Parse(new TemplateSource(row.Subject, row.TextBody, row.HtmlBody), errors);
        if (parsed is null)
        {
            // Saved templates were validated; this is a template an older engine accepted. Sending the shipped one beats sending none.
            logger.LogWarning("The saved {Type} template ({Culture}) does not parse ({Error}); the shipped one is used.", type, culture, errors[0].Detail);
            return Shipped(type, culture);
        }

        cache.Set(type, culture, version, parsed);
        return parsed;
    }

    private ParsedTemplate Shipped(string type, string culture)
    {
        if (cache.TryGet(type, culture, ShippedVersion, out var cached))
        {
            return cached;
        }

        var source = ShippedTemplates.Get(type, culture) ?? throw new InvalidOperationException($"The {type} template is not shipped.");
        var errors = new List<TemplateError>();
        var parsed = renderer.Parse(source, errors) ?? throw new InvalidOperationException($"The shipped {type} template ({culture}) does not parse: {errors[0].Detail}");
        cache.Set(type, culture, ShippedVersion, parsed);
        return parsed;
    }
}
