namespace Learning.Courses.Data;

public static class CourseTopics
{
    public static readonly IReadOnlyList<string> All =
        ["digital-skills", "online-public-services", "digital-signatures", "vneid", "eforms", "online-payments", "records-digitisation"];
}

/// <summary>
/// A course as the trainer edits it (the draft). Learners never read the draft: they read the latest
/// <see cref="CourseVersion"/>, a snapshot taken when the trainer publishes.
/// </summary>
public sealed class Course
{
    public int Id { get; set; }

    /// <summary>Stable key for URLs, recipes and re-imports.</summary>
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Topic { get; set; } = CourseTopics.All[0];

    /// <summary>Positions the course is written for, one per line.</summary>
    public string Audience { get; set; } = "";

    public string Language { get; set; } = "vi";

    public decimal EstimatedHours { get; set; }

    public bool SelfEnrol { get; set; } = true;

    public bool Sequential { get; set; }

    public DateTime? OpensUtc { get; set; }

    public DateTime? ClosesUtc { get; set; }

    public int? PrerequisiteCourseId { get; set; }

    public string? CoverPath { get; set; }

    /// <summary>Latest published version number; 0 = never published.</summary>
    public int PublishedVersion { get; set; }

    /// <summary>Unpublished courses are hidden from learners but keep their versions and progress.</summary>
    public bool IsPublished { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime DraftUpdatedUtc { get; set; }

    public List<CourseModule> Modules { get; set; } = [];
}

public sealed class CourseModule
{
    public int Id { get; set; }

    public int CourseId { get; set; }

    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public int Position { get; set; }

    public List<Lesson> Lessons { get; set; } = [];
}

public sealed class Lesson
{
    public int Id { get; set; }

    public int ModuleId { get; set; }

    public int CourseId { get; set; }

    /// <summary>Stable across versions: progress is keyed by it, so editing a lesson never loses a learner's completion.</summary>
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public string Kind { get; set; } = LessonKinds.Article;

    public int Position { get; set; }

    public bool Required { get; set; } = true;

    /// <summary>For articles: the learner confirms with "mark as done" instead of completing by opening.</summary>
    public bool MarkAsDone { get; set; }

    public int Minutes { get; set; }

    public string Markdown { get; set; } = "";

    public string? Url { get; set; }

    /// <summary>For files: the stored file's name under the course's file folder, and the name shown to learners.</summary>
    public string? FileName { get; set; }

    public string? FileDisplayName { get; set; }

    /// <summary>For video and quiz lessons: the owning module's reference (media id, quiz id).</summary>
    public string? Reference { get; set; }

    public string? PrerequisiteLessonKey { get; set; }
}

/// <summary>An immutable published snapshot of a course's structure and rendered content.</summary>
public sealed class CourseVersion
{
    public int Id { get; set; }

    public int CourseId { get; set; }

    public int Number { get; set; }

    public DateTime PublishedUtc { get; set; }

    public string? PublishedBy { get; set; }

    public string SnapshotJson { get; set; } = "";
}

public enum EnrollmentSource
{
    Self,
    Assigned,

    /// <summary>Demonstration data written by the demo recipe, removable at once (never the production recipe).</summary>
    Simulated,
}

public sealed class Enrollment
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int CourseId { get; set; }

    public EnrollmentSource Source { get; set; }

    public int? AssignmentId { get; set; }

    public DateTime EnrolledUtc { get; set; }

    public DateTime? DueUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public string? LastLessonKey { get; set; }

    public DateTime? LastActivityUtc { get; set; }

    /// <summary>Set when the assignment that brought the learner in is removed. Progress stays; the course leaves "My learning".</summary>
    public DateTime? WithdrawnUtc { get; set; }

    /// <summary>Count of completed required lessons in the published version, kept with each completion so lists need no join.</summary>
    public int CompletedLessons { get; set; }

    public int RequiredLessons { get; set; }

    /// <summary>
    /// The due date the 7-day reminder was sent for (null: not sent). Written in the transaction that queues the reminder, so a
    /// rerun, a retry or a catch-up never sends it twice; a moved due date no longer matches, which re-arms the reminder.
    /// </summary>
    public DateTime? Due7NoticeFor { get; set; }

    /// <summary>The due date the 1-day reminder was sent for, as <see cref="Due7NoticeFor"/>.</summary>
    public DateTime? Due1NoticeFor { get; set; }

    /// <summary>The due date the overdue notice was sent for, as <see cref="Due7NoticeFor"/>.</summary>
    public DateTime? OverdueNoticeFor { get; set; }
}

public sealed class LessonProgress
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int CourseId { get; set; }

    public string LessonKey { get; set; } = "";

    public DateTime FirstOpenedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public string? CompletedBy { get; set; }
}

public enum AssignmentTarget
{
    Cadre,
    Unit,
    Position,
    TransferredWithinMonths,
    AccountingOfficers,
}

/// <summary>A standing rule: everyone it matches is enrolled, including cadres who arrive later (cohort sync).</summary>
public sealed class CourseAssignment
{
    public int Id { get; set; }

    public int CourseId { get; set; }

    public AssignmentTarget Target { get; set; }

    public string? Value { get; set; }

    public int? DueDays { get; set; }

    public DateTime? DueUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? RemovedUtc { get; set; }
}

public sealed class LearningPath
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public bool IsPublished { get; set; } = true;

    public List<LearningPathCourse> Courses { get; set; } = [];
}

public sealed class LearningPathCourse
{
    public int Id { get; set; }

    public int PathId { get; set; }

    public int CourseId { get; set; }

    public int Position { get; set; }
}

public sealed class LearningPathCompletion
{
    public long Id { get; set; }

    public int PathId { get; set; }

    public string UserId { get; set; } = "";

    public DateTime CompletedUtc { get; set; }
}

/// <summary>Search text of published courses and lessons, folded to lower-case ASCII ("chữ ký số" → "chu ky so").</summary>
public sealed class SearchDocument
{
    public long Id { get; set; }

    public int CourseId { get; set; }

    public string? LessonKey { get; set; }

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";
}
