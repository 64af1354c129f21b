using Learning.Notifications.Services.Templates;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages.Admin.Notifications.Templates;

/// <summary>A template error in the administrator's language: where (part and line) and what.</summary>
public static class TemplateMessages
{
    public static string Describe(this IStringLocalizer t, TemplateError error)
    {
        var part = t["Template.Part." + error.Part].Value;
        var where = error.Line > 0 ? t["Template.Error.Line", part, error.Line].Value : part;
        return t["Template.Error." + error.Kind, where, error.Detail].Value;
    }
}
