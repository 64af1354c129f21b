namespace Learning.Notifications.Services.Templates;

public enum TemplateErrorKind
{
    /// <summary>The Liquid does not parse; the detail is the parser's message.</summary>
    Syntax = 0,

    /// <summary>A variable that the type's model does not have; the detail is its path.</summary>
    UnknownVariable = 1,

    /// <summary>A filter that does not exist; the detail is its name.</summary>
    UnknownFilter = 2,

    /// <summary>A tag that templates may not use (include, render); the detail is its name.</summary>
    UnsupportedTag = 3,

    /// <summary>The part is empty or too long; the detail is the limit.</summary>
    Length = 4,

    /// <summary>Rendering the sample model failed; the detail is the engine's message.</summary>
    Render = 5,
}
