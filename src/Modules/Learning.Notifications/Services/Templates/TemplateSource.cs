namespace Learning.Notifications.Services.Templates;

/// <summary>A template's Liquid source: the subject, the plain-text body and the HTML body (the part inside the shared layout).</summary>
public sealed record TemplateSource(string Subject, string TextBody, string HtmlBody)
{
    public string this[TemplatePart part] => part switch
    {
        TemplatePart.Subject => Subject,
        TemplatePart.Text => TextBody,
        _ => HtmlBody,
    };
}
