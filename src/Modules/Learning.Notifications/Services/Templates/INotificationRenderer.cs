namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Renders a notification type's template (the administrator's version if there is one, else the shipped one) in a culture.
/// <paramref name="modelJson"/> is the notification's model (snake_case JSON) with what every template may use added by the
/// dispatcher: <c>user.name</c>, <c>user.email</c>, <c>site.name</c>, <c>site.url</c>, <c>link</c> (absolute) and, for
/// non-essential types, <c>unsubscribe_url</c>.
/// </summary>
public interface INotificationRenderer
{
    Task<RenderedMail> RenderAsync(string type, string culture, string modelJson, CancellationToken cancellationToken);
}
