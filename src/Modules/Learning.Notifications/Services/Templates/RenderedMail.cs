namespace Learning.Notifications.Services.Templates;

/// <summary>A template's output: the subject (one line), the plain-text part and the HTML part (sanitised).</summary>
public sealed record RenderedMail(string Subject, string TextBody, string HtmlBody);
