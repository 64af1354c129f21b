namespace Learning.Notifications.Services;

/// <summary>The notification types of <see cref="NoticeTypes"/>, with their category and delivery rules.</summary>
public static class NotificationTypeCatalog
{
    public static readonly IReadOnlyList<NotificationType> All =
    [
        new(NoticeTypes.Invitation, NotificationCategories.Account, Essential: true, InApp: false),
        new(NoticeTypes.PasswordReset, NotificationCategories.Account, Essential: true, InApp: false),
        new(NoticeTypes.CourseAssigned, NotificationCategories.Courses, Essential: false, InApp: true),
        new(NoticeTypes.DueIn7Days, NotificationCategories.Courses, Essential: false, InApp: true),
        new(NoticeTypes.DueIn1Day, NotificationCategories.Courses, Essential: false, InApp: true),
        new(NoticeTypes.Overdue, NotificationCategories.Courses, Essential: false, InApp: true),
        new(NoticeTypes.QuizResult, NotificationCategories.Quizzes, Essential: false, InApp: true),
        new(NoticeTypes.CertificateIssued, NotificationCategories.Certificates, Essential: false, InApp: true),
        new(NoticeTypes.SignatureReady, NotificationCategories.Certificates, Essential: false, InApp: true),
        new(NoticeTypes.ReadinessDigest, NotificationCategories.Reports, Essential: false, InApp: true),
        new(NoticeTypes.ManagerDigest, NotificationCategories.Reports, Essential: false, InApp: true),
        new(NoticeTypes.ReportDelivery, NotificationCategories.Reports, Essential: false, InApp: true),
    ];

    /// <summary>
    /// The daily or weekly digest of a user's notifications (model: <c>cadence</c> "daily" | "weekly", <c>items</c>: a list of
    /// <c>title</c>, <c>link</c>, <c>created</c>). Sent by the dispatcher, never through <see cref="INotifier"/>: it is not in
    /// <see cref="All"/>, is not essential (it carries an unsubscribe link) and does not show in the in-app list.
    /// </summary>
    public const string Digest = "notifications.digest";

    /// <summary>Every type that has an e-mail template: <see cref="All"/> and <see cref="Digest"/>.</summary>
    public static readonly IReadOnlyList<string> Templated = [.. All.Select(t => t.Type), Digest];

    private static readonly Dictionary<string, NotificationType> ByType = All.ToDictionary(t => t.Type, StringComparer.Ordinal);

    public static NotificationType? Find(string type) => ByType.GetValueOrDefault(type);
}
