namespace Learning.Notifications.Services.Templates;

/// <summary>The three parts of a notification template.</summary>
public enum TemplatePart
{
    Subject = 0,
    Text = 1,
    Html = 2,
}
