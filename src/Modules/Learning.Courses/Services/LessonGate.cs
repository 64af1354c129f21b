using Microsoft.AspNetCore.Http;

namespace Learning.Courses.Services;

public enum LessonEntry
{
    Open,
    NotFound,
    NotEnrolled,
    CourseRestricted,
    LessonLocked,
}

/// <summary>What the gate found: the published course and lesson, the learner's state, and why the door is shut if it is.</summary>
public sealed record LessonGateResult(LessonEntry Entry, PublishedCourse? Published, LessonSnapshot? Lesson, LearnerState? State, LessonAccess LessonAccess)
{
    public bool IsOpen => Entry == LessonEntry.Open;
}

/// <summary>
/// The one access check for every way into a lesson: the lesson page, a file lesson's download, and the completions other
/// modules report (a video watched, a quiz passed). In order: the lesson exists in the published course, the learner is
/// enrolled, the course is open now (its dates) and its prerequisite course is complete, and the lesson itself is unlocked
/// (sequence and prerequisite lesson). It also implements <see cref="ILessonCompletionReporter"/>, so a module cannot
/// complete a lesson its learner could not open.
/// </summary>
public sealed class LessonGate(CourseReader reader, ProgressService progress, EnrollmentService enrollments) : ILessonCompletionReporter
{
    public async Task<LessonGateResult> CheckAsync(string userId, PublishedCourse? published, string lessonKey, CancellationToken cancellationToken = default)
    {
        var lesson = published?.Snapshot.Find(lessonKey);
        if (published is null || lesson is null)
        {
            return new(LessonEntry.NotFound, published, null, null, LessonAccess.Open);
        }

        var state = await progress.LoadAsync(userId, published.Course.Id, cancellationToken);
        if (state is null)
        {
            return new(LessonEntry.NotEnrolled, published, lesson, null, LessonAccess.Open);
        }

        if (await enrollments.AccessAsync(userId, published.Course, cancellationToken) != CourseAccess.Open)
        {
            return new(LessonEntry.CourseRestricted, published, lesson, state, LessonAccess.Open);
        }

        var access = AccessRules.ForLesson(published.Snapshot, state.Completed, lessonKey);
        return new(access == LessonAccess.Open ? LessonEntry.Open : LessonEntry.LessonLocked, published, lesson, state, access);
    }

    public async Task<LessonGateResult> CheckAsync(string userId, string slug, string lessonKey, CancellationToken cancellationToken = default) =>
        await CheckAsync(userId, await reader.FindPublishedAsync(slug, cancellationToken), lessonKey, cancellationToken);

    public async Task<bool> ReportCompletedAsync(string userId, int courseId, string lessonKey, string source, CancellationToken cancellationToken = default)
    {
        var gate = await CheckAsync(userId, await reader.FindPublishedAsync(courseId, cancellationToken), lessonKey, cancellationToken);
        if (gate.State is not null && gate.State.Completed.Contains(lessonKey))
        {
            return true;
        }

        return gate.IsOpen
            && await progress.CompleteAsync(gate.State!, gate.Published!.Snapshot, lessonKey, source, cancellationToken) is CompletionOutcome.Completed or CompletionOutcome.AlreadyCompleted;
    }

    /// <summary>
    /// Whether a GET may change state (complete a lesson on opening or downloading it). A GET that another site started (a link,
    /// an image, a frame) carries the Lax sign-in cookie too, so it must not complete anything. Browsers say where a request
    /// came from in <c>Sec-Fetch-Site</c> ("same-origin", or "none" when the person typed the address or used a bookmark);
    /// older browsers without it are judged by their <c>Referer</c>. A request that shows neither changes nothing. ADR-009.
    /// </summary>
    public static bool IsSameOriginNavigation(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(referer.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}
