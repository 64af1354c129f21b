using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Courses;

[RequirePermission(Permissions.Names.Learn)]
public sealed class LessonModel(
    CourseReader reader,
    EnrollmentService enrollments,
    ProgressService progress,
    IEnumerable<ILessonKindRenderer> renderers,
    IEnumerable<ILessonAsideProvider> asides) : PageModel
{
    public PublishedCourse? Published { get; private set; }

    public LessonSnapshot? Lesson { get; private set; }

    public string? ModuleTitle { get; private set; }

    public Enrollment? Enrollment { get; private set; }

    public LessonAccess? Locked { get; private set; }

    public bool IsDone { get; private set; }

    public LessonSnapshot? Previous { get; private set; }

    public LessonSnapshot? Next { get; private set; }

    public bool NextOpen { get; private set; }

    public IHtmlContent? KindContent { get; private set; }

    public IReadOnlyList<IHtmlContent> Asides { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        var (early, state) = await LoadAsync(slug, lessonKey, cancellationToken);
        if (early is not null)
        {
            return early;
        }

        var access = AccessRules.ForLesson(Published!.Snapshot, state!.Completed, lessonKey);
        if (access != LessonAccess.Open)
        {
            Locked = access;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Fill(state.Completed);
            return Page();
        }

        await progress.OpenAsync(state, Published.Snapshot, Lesson!, cancellationToken);
        Fill(state.Completed);
        if (renderers.FirstOrDefault(r => r.Kind == Lesson!.Kind) is { } renderer)
        {
            KindContent = await renderer.RenderAsync(new LessonRenderContext(Published.Course.Id, Published.Snapshot.Slug, Lesson!.Key, Lesson.Kind, Lesson.Title, Lesson.Reference, UserId, false), cancellationToken);
        }

        var asideContext = new LessonAsideContext(Published.Course.Id, Published.Course.Topic, Lesson!.Key, Lesson.Kind, UserId);
        var rendered = new List<IHtmlContent>();
        foreach (var aside in asides)
        {
            if (await aside.RenderAsync(asideContext, cancellationToken) is { } html)
            {
                rendered.Add(html);
            }
        }

        Asides = rendered;
        return Page();
    }

    /// <summary>"Mark as done". Idempotent: a double click completes once; the redirect makes a refresh harmless.</summary>
    public async Task<IActionResult> OnPostDoneAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        var (early, state) = await LoadAsync(slug, lessonKey, cancellationToken);
        if (early is not null)
        {
            return early;
        }

        var outcome = await progress.CompleteAsync(state!, Published!.Snapshot, lessonKey, "marked", cancellationToken);
        return outcome == CompletionOutcome.Locked ? Forbid() : Redirect($"/Courses/{slug}/{lessonKey}");
    }

    private async Task<(IActionResult? Early, LearnerState? State)> LoadAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        Published = await reader.FindPublishedAsync(slug, cancellationToken);
        Lesson = Published?.Snapshot.Find(lessonKey);
        if (Published is null || Lesson is null)
        {
            return (NotFound(), null);
        }

        ModuleTitle = Published.Snapshot.Modules.First(m => m.Lessons.Contains(Lesson)).Title;
        var course = Published.Course;
        var state = await progress.LoadAsync(UserId, course.Id, cancellationToken);
        if (state is null)
        {
            return (Redirect($"/Courses/{slug}"), null);
        }

        Enrollment = state.Enrollment;
        return await enrollments.AccessAsync(UserId, course, cancellationToken) == CourseAccess.Open ? (null, state) : (Redirect($"/Courses/{slug}"), null);
    }

    private void Fill(HashSet<string> completed)
    {
        var lessons = Published!.Snapshot.Lessons.ToList();
        var index = lessons.FindIndex(l => l.Key == Lesson!.Key);
        IsDone = completed.Contains(Lesson!.Key);
        Previous = index > 0 ? lessons[index - 1] : null;
        Next = index + 1 < lessons.Count ? lessons[index + 1] : null;
        NextOpen = Next is not null && AccessRules.ForLesson(Published.Snapshot, completed, Next.Key) == LessonAccess.Open;
    }
}
