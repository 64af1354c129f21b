using Fluid;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Decides whether a template may be saved: every part parses, uses only its type's variables and known filters (checked on
/// the syntax tree, so untaken branches count), has a sensible length, and renders the type's sample model.
/// </summary>
public sealed class TemplateValidator(TemplateRenderer renderer)
{
    public const int MaxBodyLength = 100_000;

    public async Task<IReadOnlyList<TemplateError>> ValidateAsync(string type, string culture, TemplateSource source)
    {
        var schema = TemplateModels.Schema(type) ?? throw new ArgumentException($"Unknown notification type '{type}'.", nameof(type));
        var errors = new List<TemplateError>();
        CheckLength(errors, TemplatePart.Subject, source.Subject, TemplateRenderer.MaxSubjectLength);
        CheckLength(errors, TemplatePart.Text, source.TextBody, MaxBodyLength);
        CheckLength(errors, TemplatePart.Html, source.HtmlBody, MaxBodyLength);
        if (errors.Count > 0)
        {
            return errors;
        }

        var parsed = renderer.Parse(source, errors);
        if (parsed is null)
        {
            return errors;
        }

        Check(errors, parsed.Subject, source.Subject, schema, TemplatePart.Subject);
        Check(errors, parsed.Text, source.TextBody, schema, TemplatePart.Text);
        Check(errors, parsed.Html, source.HtmlBody, schema, TemplatePart.Html);
        if (errors.Count > 0)
        {
            return errors;
        }

        try
        {
            await renderer.RenderAsync(parsed, culture, TemplateModels.Sample(type)!);
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException or OverflowException or DivideByZeroException)
        {
            errors.Add(new TemplateError(TemplatePart.Html, 0, TemplateErrorKind.Render, e.Message));
        }

        return errors;
    }

    private void Check(List<TemplateError> errors, IFluidTemplate template, string source, TemplateSchema schema, TemplatePart part) =>
        errors.AddRange(TemplateVariableChecker.Check(template, source, schema, renderer.Engine, part));

    private static void CheckLength(List<TemplateError> errors, TemplatePart part, string source, int max)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > max)
        {
            errors.Add(new TemplateError(part, 0, TemplateErrorKind.Length, max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
