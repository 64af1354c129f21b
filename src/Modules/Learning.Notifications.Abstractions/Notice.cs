namespace Learning.Notifications;

/// <summary>
/// One notification for one user. <see cref="Type"/> is one of <see cref="NoticeTypes"/>; <see cref="Model"/> is what its
/// template may use (serialised to JSON with snake_case names at the call, so a template reads <c>{{ course.title }}</c>).
/// </summary>
public sealed record Notice(string UserId, string Type, object Model)
{
    /// <summary>Where the notification leads, relative to the site (<c>/Courses/abc</c>); e-mails make it absolute.</summary>
    public string? Link { get; init; }

    /// <summary>
    /// Notifications of one user with the same key that are waiting together become one message (a burst of changes to one
    /// course within the hold is one e-mail).
    /// </summary>
    public string? GroupKey { get; init; }

    public IReadOnlyList<NoticeAttachment> Attachments { get; init; } = [];
}
