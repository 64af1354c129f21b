namespace Learning.Notifications.Services.Templates;

/// <summary>Why a template part is refused, with its 1-based line (0 when the line is not known).</summary>
public sealed record TemplateError(TemplatePart Part, int Line, TemplateErrorKind Kind, string Detail);
