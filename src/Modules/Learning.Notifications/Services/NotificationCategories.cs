namespace Learning.Notifications.Services;

/// <summary>What preferences are set per (with the channel: e-mail; the in-app list always shows).</summary>
public static class NotificationCategories
{
    public const string Account = "account";
    public const string Courses = "courses";
    public const string Quizzes = "quizzes";
    public const string Certificates = "certificates";
    public const string Reports = "reports";

    /// <summary>The categories a user can choose a cadence for (account messages are essential).</summary>
    public static readonly IReadOnlyList<string> Optional = [Courses, Quizzes, Certificates, Reports];
}
