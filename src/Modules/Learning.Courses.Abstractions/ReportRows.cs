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
}

/// <summary>Best quiz scores per learner and course (implemented by the quizzes module), composable as <see cref="ICourseReportRows"/>.</summary>
public interface IQuizScoreRows
{
    IQueryable<QuizScoreRow> BestScores(object context);

    /// <summary>Every graded attempt started from a course lesson, one row each (<see cref="QuizScoreRow.BestPercent"/> is that
    /// attempt's percent): a report asks for the best per enrolment as a correlated MAX, which an index on (user, course) answers
    /// without aggregating every attempt of the site.</summary>
    IQueryable<QuizScoreRow> GradedAttempts(object context);
}

/// <summary>A simulated enrolment for demonstration data (the demo recipe): back-dated progress so reports and charts have a shape.
/// <see cref="LessonsDone"/> is clamped to the course's required lessons; a completed one has them all.</summary>
public sealed record SimulatedEnrollment(string UserId, int CourseId, DateTime EnrolledUtc, DateTime? DueUtc, int LessonsDone, DateTime? LastActivityUtc, DateTime? CompletedUtc);

/// <summary>Writes demonstration enrolments (never used by the production recipe). Learners already enrolled in a course are left as
/// they are. Written to the caller's unit of work (the recipe's transaction).</summary>
public interface IDemoLearningWriter
{
    /// <returns>How many enrolments were added.</returns>
    Task<int> AddAsync(IReadOnlyList<SimulatedEnrollment> enrollments, CancellationToken cancellationToken = default);
}
