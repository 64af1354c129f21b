namespace Learning.Courses;

/// <summary>An active (not withdrawn) enrolment as reports compose it into their own query.</summary>
public sealed class EnrollmentRow
{
    public string UserId { get; init; } = "";

    public int CourseId { get; init; }

    public DateTime EnrolledUtc { get; init; }

    public DateTime? DueUtc { get; init; }

    public DateTime? CompletedUtc { get; init; }

    public DateTime? LastActivityUtc { get; init; }

    public int CompletedLessons { get; init; }

    public int RequiredLessons { get; init; }

    /// <summary>Demonstration data (the demo recipe's simulated learning), not a real learner's progress.</summary>
    public bool Simulated { get; init; }
}

/// <summary>An enrolment that was withdrawn (the learner no longer has to take the course), and when: what a warehouse pulling
/// increments removes.</summary>
public sealed class WithdrawalRow
{
    public string UserId { get; init; } = "";

    public int CourseId { get; init; }

    public DateTime WithdrawnUtc { get; init; }
}

/// <summary>A learner's lesson as progress records it: when it was first opened and when it was completed.</summary>
public sealed class LessonProgressRow
{
    public string UserId { get; init; } = "";

    public int CourseId { get; init; }

    public string LessonKey { get; init; } = "";

    public DateTime FirstOpenedUtc { get; init; }

    public DateTime? CompletedUtc { get; init; }
}

/// <summary>A lesson of a course as currently authored (kind from <see cref="LessonKinds"/>; <see cref="Reference"/> names the
/// video, quiz or other object the lesson shows).</summary>
public sealed class LessonRow
{
    public int CourseId { get; init; }

    public string Key { get; init; } = "";

    public string Title { get; init; } = "";

    public string Kind { get; init; } = "";

    public int ModulePosition { get; init; }

    public int Position { get; init; }

    public string? Reference { get; init; }
}

public sealed class CourseRow
{
    public int Id { get; init; }

    public string Slug { get; init; } = "";

    public string Title { get; init; } = "";

    public decimal EstimatedHours { get; init; }

    public bool IsPublished { get; init; }
}

public sealed class PathRow
{
    public int Id { get; init; }

    public string Title { get; init; } = "";

    public bool IsPublished { get; init; }
}

public sealed class PathCourseRow
{
    public int PathId { get; init; }

    public int CourseId { get; init; }
}

/// <summary>A learner's best graded quiz result in a course, in percent of the maximum (quizzes started from that course).</summary>
public sealed class QuizScoreRow
{
    public string UserId { get; init; } = "";

    public int CourseId { get; init; }

    public double BestPercent { get; init; }
}

/// <summary>
/// Rows of courses, paths and enrolments for reports, composable into ONE query on a context the caller chooses (a read context
/// from <c>IReadDbContextFactory</c>). <paramref name="context"/> is that <c>LearningDbContext</c>: typed <see cref="object"/>
/// because abstractions do not reference EF Core. Every method is a query root, never a list in memory.
/// </summary>
public interface ICourseReportRows
{
    IQueryable<EnrollmentRow> Enrollments(object context);

    IQueryable<CourseRow> Courses(object context);

    IQueryable<PathRow> Paths(object context);

    IQueryable<PathCourseRow> PathCourses(object context);

    /// <summary>Lesson progress rows (first opened, completed), one per learner and lesson.</summary>
    IQueryable<LessonProgressRow> LessonProgress(object context);

    /// <summary>The withdrawn enrolments (not the active ones <see cref="Enrollments"/> gives).</summary>
    IQueryable<WithdrawalRow> Withdrawals(object context);

    /// <summary>The lessons of every course, as authored now.</summary>
    IQueryable<LessonRow> Lessons(object context);
}

/// <summary>Best quiz scores per learner and course (implemented by the quizzes module), composable as <see cref="ICourseReportRows"/>.</summary>
public interface IQuizScoreRows
{
    IQueryable<QuizScoreRow> BestScores(object context);

    /// <summary>Every graded attempt started from a course lesson, one row each (<see cref="QuizScoreRow.BestPercent"/> is that
    /// attempt's percent): a report asks for the best per enrolment as a correlated MAX, which an index on (user, course) answers
    /// without aggregating every attempt of the site.</summary>
    IQueryable<QuizScoreRow> GradedAttempts(object context);

    /// <summary>Every attempt at every quiz, graded or not, with its quiz's title (a cadre's record; the data API's change times).</summary>
    IQueryable<QuizAttemptRow> Attempts(object context);
}

/// <summary>One quiz attempt. <see cref="State"/> is InProgress, NeedsGrading or Finished; <see cref="Percent"/> is null until
/// graded. <see cref="ChangedUtc"/> is the latest of started, submitted and graded.</summary>
public sealed class QuizAttemptRow
{
    public string UserId { get; init; } = "";

    public int? CourseId { get; init; }

    public int QuizId { get; init; }

    public string QuizTitle { get; init; } = "";

    public int Number { get; init; }

    public string State { get; init; } = "";

    public double? Percent { get; init; }

    public bool Passed { get; init; }

    public DateTime StartedUtc { get; init; }

    public DateTime? SubmittedUtc { get; init; }

    public DateTime ChangedUtc { get; init; }
}

/// <summary>A simulated enrolment for demonstration data (the demo recipe): back-dated progress so reports and charts have a shape.
/// <see cref="LessonsDone"/> is clamped to the course's required lessons; a completed one has them all.</summary>
public sealed record SimulatedEnrollment(string UserId, int CourseId, DateTime EnrolledUtc, DateTime? DueUtc, int LessonsDone, DateTime? LastActivityUtc, DateTime? CompletedUtc);

/// <summary>A lesson of a simulated enrolment as written: its kind and reference (a quiz's key), and when it was completed (null:
/// not yet).</summary>
public sealed record SimulatedLesson(string Key, string Kind, string? Reference, DateTime? CompletedUtc);

/// <summary>A simulated enrolment as written, with the required lessons of its course in order.</summary>
public sealed record SimulatedProgress(string UserId, int CourseId, string CourseSlug, DateTime EnrolledUtc, DateTime? LastActivityUtc, DateTime? CompletedUtc,
    IReadOnlyList<SimulatedLesson> Lessons);

/// <summary>
/// Writes and removes demonstration learning (never used by the production recipe). Simulated enrolments are marked as such
/// (<see cref="EnrollmentRow.Simulated"/>), with their lesson progress back-dated and the learning paths they complete. Learners
/// already enrolled in a course are left as they are. Written to the caller's unit of work (the recipe's transaction).
/// </summary>
public interface IDemoLearningWriter
{
    /// <returns>The enrolments added.</returns>
    Task<IReadOnlyList<SimulatedProgress>> AddAsync(IReadOnlyList<SimulatedEnrollment> enrollments, CancellationToken cancellationToken = default);

    /// <summary>The learner and course of every simulated enrolment.</summary>
    Task<IReadOnlyList<(string UserId, int CourseId)>> SimulatedAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every simulated enrolment with the progress on it, and the path completions that rested on them.</summary>
    /// <returns>How many enrolments were removed.</returns>
    Task<int> RemoveAsync(CancellationToken cancellationToken = default);
}

/// <summary>A simulated attempt at a course's quiz lesson, submitted at <see cref="SubmittedUtc"/>: passing or failing as asked.</summary>
public sealed record SimulatedQuizAttempt(string UserId, int CourseId, string CourseSlug, string LessonKey, string QuizKey, DateTime SubmittedUtc, bool Pass);

/// <summary>Writes and removes demonstration quiz attempts (implemented by the quizzes module): drawn, answered and graded as real
/// attempts are, back-dated, with no notice and no statement.</summary>
public interface IDemoQuizWriter
{
    /// <returns>How many attempts were added.</returns>
    Task<int> AddAsync(IReadOnlyList<SimulatedQuizAttempt> attempts, CancellationToken cancellationToken = default);

    /// <summary>How many attempts were started from these learners' courses.</summary>
    Task<int> CountAsync(IReadOnlyList<(string UserId, int CourseId)> enrollments, CancellationToken cancellationToken = default);

    /// <summary>Removes the attempts started from these learners' courses.</summary>
    /// <returns>How many attempts were removed.</returns>
    Task<int> RemoveAsync(IReadOnlyList<(string UserId, int CourseId)> enrollments, CancellationToken cancellationToken = default);
}
