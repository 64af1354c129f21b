namespace Learning.Notifications.Services.Templates;

/// <summary>The cultures templates exist in; anything else falls back to Vietnamese.</summary>
public static class TemplateCultures
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Vietnamese, English];

    /// <summary>"vi-VN" → "vi", "en-US" → "en", anything else → "vi".</summary>
    public static string Normalize(string? culture)
    {
        var language = (culture ?? "").Split('-', '_')[0].Trim().ToLowerInvariant();
        return All.Contains(language) ? language : Vietnamese;
    }
}
