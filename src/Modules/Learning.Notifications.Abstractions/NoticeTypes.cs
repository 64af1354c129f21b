namespace Learning.Notifications;

/// <summary>The notifications the platform sends. Each has a template per culture, a category (what preferences name) and a model.</summary>
public static class NoticeTypes
{
    /// <summary>An account was created for you: set your password. Model: <c>link</c>, <c>expires_hours</c>. Essential.</summary>
    public const string Invitation = "account.invitation";

    /// <summary>Reset your password. Model: <c>link</c>, <c>expires_hours</c>. Essential.</summary>
    public const string PasswordReset = "account.password_reset";

    /// <summary>Model: <c>course.title</c>, <c>course.url</c>, <c>due_date</c> (may be empty).</summary>
    public const string CourseAssigned = "courses.assigned";

    /// <summary>7 days before the due date. Model: <c>course.title</c>, <c>course.url</c>, <c>due_date</c>, <c>days_left</c>.</summary>
    public const string DueIn7Days = "courses.due_7_days";

    /// <summary>1 day before the due date. Same model.</summary>
    public const string DueIn1Day = "courses.due_1_day";

    /// <summary>The due date passed and the course is not complete. Same model.</summary>
    public const string Overdue = "courses.overdue";

    /// <summary>Model: <c>quiz.title</c>, <c>quiz.url</c>, <c>score</c>, <c>max_score</c>, <c>percent</c>, <c>passed</c>.</summary>
    public const string QuizResult = "quizzes.result";

    /// <summary>Model: <c>certificate.title</c>, <c>certificate.url</c>, <c>certificate.code</c>; the PDF attached.</summary>
    public const string CertificateIssued = "certificates.issued";

    /// <summary>A cadre completed every course that makes them ready for a digital signature. Model: <c>province</c>, <c>courses</c> (list of titles). Once per readiness.</summary>
    public const string SignatureReady = "certificates.signature_ready";

    /// <summary>Weekly, to managers: digital-signature readiness in their scope. Model: <c>scope</c>, <c>ready_not_requested</c>, <c>expiring</c>, <c>expired</c>, <c>week</c>.</summary>
    public const string ReadinessDigest = "certificates.readiness_digest";

    /// <summary>Weekly, to managers. Model: <c>scope</c>, <c>completed</c>, <c>total</c>, <c>percent</c>, <c>overdue</c> (list).</summary>
    public const string ManagerDigest = "reports.manager_digest";

    /// <summary>A scheduled report. Model: <c>report.title</c>, <c>report.period</c>; the report attached.</summary>
    public const string ReportDelivery = "reports.delivery";
}
