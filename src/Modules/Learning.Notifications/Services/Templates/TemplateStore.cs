using Learning.Data;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// The administrators' side of templates: what each type and culture uses now, a preview on the type's sample, saving (only
/// a template that validates; audited) and restoring the shipped one (the row is deleted; audited).
/// </summary>
public sealed class TemplateStore(
    LearningDbContext db,
    TemplateValidator validator,
    TemplateRenderer renderer,
    ParsedTemplateCache cache,
    IAuditTrail audit,
    TimeProvider clock)
{

    /// <summary>One type in one culture: whether an administrator changed it, and when and by whom.</summary>
    public sealed record Entry(string Type, string Culture, bool Customised, DateTime? UpdatedUtc, string? UpdatedBy);

    /// <summary>The result of a preview: the rendered parts when the template parses, and everything that would refuse a save.</summary>
    public sealed record Preview(RenderedMail? Mail, IReadOnlyList<TemplateError> Errors);

    public static bool Exists(string? type, string? culture) =>
        type is not null && TemplateModels.Schema(type) is not null && culture is not null && TemplateCultures.All.Contains(culture);

    public async Task<IReadOnlyList<Entry>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<NotificationTemplate>().AsNoTracking()
            .Select(t => new { t.Type, t.Culture, t.UpdatedUtc, t.UpdatedBy })
            .ToListAsync(cancellationToken);
        return
        [
            .. from type in NotificationTypeCatalog.Templated
               from culture in TemplateCultures.All
               let row = rows.FirstOrDefault(r => r.Type == type && r.Culture == culture)
               select new Entry(type, culture, row is not null, row?.UpdatedUtc, row?.UpdatedBy),
        ];
    }

    /// <summary>The template the type uses in the culture now, and whether it is an administrator's.</summary>
    public async Task<(TemplateSource Source, NotificationTemplate? Row)> GetAsync(string type, string culture, CancellationToken cancellationToken)
    {
        var row = await db.Set<NotificationTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Type == type && t.Culture == culture, cancellationToken);
        return row is not null
            ? (new TemplateSource(row.Subject, row.TextBody, row.HtmlBody), row)
            : (ShippedTemplates.Get(type, culture) ?? throw new ArgumentException($"Unknown notification type '{type}'.", nameof(type)), null);
    }

    public async Task<Preview> PreviewAsync(string type, string culture, TemplateSource source)
    {
        var errors = (await validator.ValidateAsync(type, culture, Normalise(source))).ToList();
        var parsed = renderer.Parse(Normalise(source), []);
        if (parsed is null)
        {
            return new Preview(null, errors);
        }

        try
        {
            return new Preview(await renderer.RenderAsync(parsed, culture, TemplateModels.Sample(type)!), errors);
        }
        catch (Exception e) when (e is Fluid.FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            return new Preview(null, errors);
        }
    }

    /// <summary>Saves the template if it validates; otherwise changes nothing and gives the reasons.</summary>
    public async Task<IReadOnlyList<TemplateError>> SaveAsync(string type, string culture, TemplateSource source, string? userName, CancellationToken cancellationToken)
    {
        source = Normalise(source);
        var errors = await validator.ValidateAsync(type, culture, source);
        if (errors.Count > 0)
        {
            return errors;
        }

        // Two first saves of one template at once (two administrators, a double submit): the unique index refuses the second
        // insert, which then saves over the row the first wrote — the same last-writer-wins as two edits of an existing row.
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.Set<NotificationTemplate>().FirstOrDefaultAsync(t => t.Type == type && t.Culture == culture, cancellationToken);
            if (row is null)
            {
                row = new NotificationTemplate { Type = type, Culture = culture };
                db.Add(row);
            }

            row.Subject = source.Subject;
            row.TextBody = source.TextBody;
            row.HtmlBody = source.HtmlBody;
            row.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            row.UpdatedBy = userName;
            audit.Record("notifications.template.saved", $"{type} ({culture})");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt == 1 && db.Entry(row).State == EntityState.Added)
            {
                db.ChangeTracker.Clear();
            }
        }

        cache.Forget(type, culture);
        return [];
    }

    /// <summary>Deletes the administrator's version: the shipped template applies again. False when there was none.</summary>
    public async Task<bool> RestoreDefaultAsync(string type, string culture, CancellationToken cancellationToken)
    {
        var row = await db.Set<NotificationTemplate>().FirstOrDefaultAsync(t => t.Type == type && t.Culture == culture, cancellationToken);
        if (row is null)
        {
            return false;
        }

        db.Remove(row);
        audit.Record("notifications.template.restored", $"{type} ({culture})");
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(type, culture);
        return true;
    }

    /// <summary>Line endings as stored (\n), and a subject without surrounding blanks.</summary>
    private static TemplateSource Normalise(TemplateSource source) =>
        new((source.Subject ?? "").Trim(), (source.TextBody ?? "").ReplaceLineEndings("\n"), (source.HtmlBody ?? "").ReplaceLineEndings("\n"));
}
