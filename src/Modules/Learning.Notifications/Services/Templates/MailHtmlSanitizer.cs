using Ganss.Xss;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Cleans the HTML a template produced before it is sent or previewed (the same call for both, so what is sent is what the
/// administrator saw): scripts, event handlers, forms and <c>javascript:</c> links go; inline styles, tables, images and
/// http(s)/mailto links stay.
/// </summary>
public sealed class MailHtmlSanitizer
{
    private readonly HtmlSanitizer sanitizer;

    public MailHtmlSanitizer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("role");
        sanitizer.AllowedCssProperties.Add("border-radius");
        sanitizer.AllowedCssProperties.Add("display");
    }

    public string Sanitize(string html) => sanitizer.Sanitize(html);
}
