namespace Learning.Courses;

/// <summary>A completed enrolment, as a query other modules compose into their own (a sub-select, never a list in memory).</summary>
public sealed class CourseCompletionRow
{
    public string UserId { get; init; } = "";

    public int CourseId { get; init; }

    public DateTime CompletedUtc { get; init; }
}

/// <summary>A completed learning path, as <see cref="CourseCompletionRow"/>.</summary>
public sealed class PathCompletionRow
{
    public string UserId { get; init; } = "";

    public int PathId { get; init; }

    public DateTime CompletedUtc { get; init; }
}

/// <summary>A learner's completion of a course as a certificate prints it: the course's published version and hours.</summary>
public sealed record CompletedCourse(int CourseId, string Title, decimal Hours, int Version, DateTime CompletedUtc);

/// <summary>A learner's completion of a learning path; its hours are the sum of its courses'. <see cref="CourseIds"/> are the
/// path's courses in the path's order (its final quiz is in the last of them that has one).</summary>
public sealed record CompletedPath(int PathId, string Title, decimal Hours, DateTime CompletedUtc)
{
    public IReadOnlyList<int> CourseIds { get; init; } = [];
}

/// <summary>Read access to completions for the modules that act on them later (certificates, readiness, reports).</summary>
public interface ICompletionRecords
{
    IQueryable<CourseCompletionRow> CourseCompletions();

    IQueryable<PathCompletionRow> PathCompletions();

    /// <returns>Null when the learner has not completed the course.</returns>
    Task<CompletedCourse?> CompletedCourseAsync(string userId, int courseId, CancellationToken cancellationToken = default);

    /// <returns>Null when the learner has not completed the path.</returns>
    Task<CompletedPath?> CompletedPathAsync(string userId, int pathId, CancellationToken cancellationToken = default);
}
