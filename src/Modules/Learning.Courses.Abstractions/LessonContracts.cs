using Microsoft.AspNetCore.Html;

namespace Learning.Courses;

/// <summary>The kinds of lesson a course can hold. Video and quiz are rendered and completed by their own modules.</summary>
public static class LessonKinds
{
    public const string Article = "article";
    public const string Video = "video";
    public const string Quiz = "quiz";
    public const string File = "file";
    public const string Link = "link";

    public static readonly IReadOnlyList<string> All = [Article, Video, Quiz, File, Link];
}

/// <summary>What a lesson-kind renderer gets: the lesson as published, and who is looking.</summary>
public sealed record LessonRenderContext(int CourseId, string CourseSlug, string LessonKey, string Kind, string Title, string? Reference, string UserId, bool IsPreview);

/// <summary>
/// A module that owns a lesson kind (media for video, quizzes for quiz) renders its lesson body. Until one is installed the
/// lesson page says the content is not available yet, and the lesson cannot be completed by opening it.
/// </summary>
public interface ILessonKindRenderer
{
    string Kind { get; }

    Task<IHtmlContent> RenderAsync(LessonRenderContext context, CancellationToken cancellationToken);
}

/// <summary>Other modules report that a learner completed a lesson (the video was watched enough, the quiz was passed).</summary>
public interface ILessonCompletionReporter
{
    /// <returns>False when the learner is not enrolled or the lesson does not exist in the published course.</returns>
    Task<bool> ReportCompletedAsync(string userId, int courseId, string lessonKey, string source, CancellationToken cancellationToken = default);
}

public sealed record CourseCompleted(string UserId, int CourseId, string CourseSlug, string CourseTitle, DateTime CompletedUtc);

public sealed record LearningPathCompleted(string UserId, int PathId, string PathSlug, string PathTitle, DateTime CompletedUtc);

/// <summary>Certificates, reports and notifications listen for completions. Called after the completion is saved.</summary>
public interface ICourseCompletionHandler
{
    Task OnCourseCompletedAsync(CourseCompleted completed, CancellationToken cancellationToken);

    Task OnLearningPathCompletedAsync(LearningPathCompleted completed, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record LessonReferenceChoice(string Value, string Label);

/// <summary>A module that owns a lesson kind offers the lesson editor what a lesson of that kind can point at (videos, quizzes).</summary>
public interface ILessonReferenceSource
{
    string Kind { get; }

    Task<IReadOnlyList<LessonReferenceChoice>> GetChoicesAsync(CancellationToken cancellationToken);
}

/// <summary>What an aside beside a lesson is given: the course's topic and the lesson's kind, and who is reading.</summary>
public sealed record LessonAsideContext(int CourseId, string CourseTopic, string LessonKey, string LessonKind, string UserId);

/// <summary>Other modules add a panel beside lessons (the media module: the support hotlines of the course's field).</summary>
public interface ILessonAsideProvider
{
    Task<IHtmlContent?> RenderAsync(LessonAsideContext context, CancellationToken cancellationToken);
}
