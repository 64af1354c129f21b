namespace Learning.Courses;

public sealed record CourseRef(int Id, string Slug, string Title, bool IsPublished);

public sealed record LearningPathRef(int Id, string Slug, string Title, IReadOnlyList<int> CourseIds, bool IsPublished);

/// <summary>One learner's active (not withdrawn) enrolment: <see cref="CompletedUtc"/> is set when every required lesson,
/// quizzes included (a quiz lesson completes only when passed), is done.</summary>
public sealed record EnrollmentFact(string UserId, int CourseId, DateTime EnrolledUtc, DateTime? CompletedUtc);

/// <summary>What other modules (certificates' readiness, reports) may read of courses, paths and enrolments.</summary>
public interface ICourseProgressQuery
{
    /// <summary>Every course, drafts included (<see cref="CourseRef.IsPublished"/>): a page for managers lists only the published.</summary>
    Task<IReadOnlyList<CourseRef>> CoursesAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LearningPathRef>> PathsAsync(CancellationToken cancellationToken = default);

    /// <summary>The active enrolments in <paramref name="courseIds"/> of the accounts <paramref name="userIds"/> selects
    /// (a sub-query such as <c>ICadreDirectory.UserIdsIn</c>, composed, never a list in memory; null for everyone).</summary>
    Task<IReadOnlyList<EnrollmentFact>> EnrollmentsAsync(IReadOnlyCollection<int> courseIds, IQueryable<string>? userIds, CancellationToken cancellationToken = default);
}
