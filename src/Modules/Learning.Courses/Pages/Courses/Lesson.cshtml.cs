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
    LearningDbContext db,
    TimeProvider clock) : PageModel
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

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, lessonKey, cancellationToken) is { } early)
        {
            return early;
        }

        var completed = await progress.CompletedKeysAsync(UserId, Published!.Course.Id, cancellationToken);
        var access = AccessRules.ForLesson(Published.Snapshot, completed, lessonKey);
        if (access != LessonAccess.Open)
        {
            Locked = access;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Fill(completed);
            return Page();
        }

        await progress.OpenAsync(Enrollment!, Lesson!, cancellationToken);
        Enrollment = await db.Set<Enrollment>().AsNoTracking().SingleAsync(e => e.Id == Enrollment!.Id, cancellationToken);
        completed = await progress.CompletedKeysAsync(UserId, Published.Course.Id, cancellationToken);
        Fill(completed);
        if (renderers.FirstOrDefault(r => r.Kind == Lesson!.Kind) is { } renderer)
        {
            KindContent = await renderer.RenderAsync(new LessonRenderContext(Published.Course.Id, Published.Snapshot.Slug, Lesson!.Key, Lesson.Kind, Lesson.Title, Lesson.Reference, UserId, false), cancellationToken);
        }

        return Page();
    }

    /// <summary>"Mark as done". Idempotent: a double click completes once; the redirect makes a refresh harmless.</summary>
    public async Task<IActionResult> OnPostDoneAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, lessonKey, cancellationToken) is { } early)
        {
            return early;
        }

        var outcome = await progress.CompleteAsync(UserId, Published!.Course.Id, lessonKey, "marked", cancellationToken);
        return outcome == CompletionOutcome.Locked ? Forbid() : Redirect($"/Courses/{slug}/{lessonKey}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        Published = await reader.FindPublishedAsync(slug, cancellationToken);
        Lesson = Published?.Snapshot.Find(lessonKey);
        if (Published is null || Lesson is null)
        {
            return NotFound();
        }

        ModuleTitle = Published.Snapshot.Modules.First(m => m.Lessons.Contains(Lesson)).Title;
        var course = Published.Course;
        Enrollment = await db.Set<Enrollment>().AsNoTracking().SingleOrDefaultAsync(e => e.UserId == UserId && e.CourseId == course.Id && e.WithdrawnUtc == null, cancellationToken);
        if (Enrollment is null)
        {
            return Redirect($"/Courses/{slug}");
        }

        var access = AccessRules.ForCourse(clock.GetUtcNow().UtcDateTime, course.OpensUtc, course.ClosesUtc, await enrollments.PrerequisiteSatisfiedAsync(UserId, course, cancellationToken));
        return access == CourseAccess.Open ? null : Redirect($"/Courses/{slug}");
    }

    private void Fill(IReadOnlySet<string> completed)
    {
        var lessons = Published!.Snapshot.Lessons.ToList();
        var index = lessons.FindIndex(l => l.Key == Lesson!.Key);
        IsDone = completed.Contains(Lesson!.Key);
        Previous = index > 0 ? lessons[index - 1] : null;
        Next = index + 1 < lessons.Count ? lessons[index + 1] : null;
        NextOpen = Next is not null && AccessRules.ForLesson(Published.Snapshot, completed, Next.Key) == LessonAccess.Open;
    }
}
