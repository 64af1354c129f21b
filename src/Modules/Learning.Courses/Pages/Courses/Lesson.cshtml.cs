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
    LessonGate gate,
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

    /// <summary>An article or link opened from another site is not completed by that GET; the learner completes it here.</summary>
    public bool OfferMarkAsDone { get; private set; }

    public LessonSnapshot? Previous { get; private set; }

    public LessonSnapshot? Next { get; private set; }

    public bool NextOpen { get; private set; }

    public IHtmlContent? KindContent { get; private set; }

    public IReadOnlyList<IHtmlContent> Asides { get; private set; } = [];

    private string UserId => User.RequiredUserId();

    public async Task<IActionResult> OnGetAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        var (early, entry) = await LoadAsync(slug, lessonKey, cancellationToken);
        if (early is not null)
        {
            return early;
        }

        var state = entry!.State!;
        if (entry.Entry == LessonEntry.LessonLocked)
        {
            Locked = entry.LessonAccess;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Fill(state.Completed);
            return Page();
        }

        var sameOrigin = LessonGate.IsSameOriginNavigation(Request);
        await progress.OpenAsync(state, Published!.Snapshot, Lesson!, completeOnOpen: sameOrigin, cancellationToken);
        Fill(state.Completed);
        OfferMarkAsDone = !IsDone && Lesson!.Kind is LessonKinds.Article or LessonKinds.Link;
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
        var (early, entry) = await LoadAsync(slug, lessonKey, cancellationToken);
        if (early is not null)
        {
            return early;
        }

        // Only lessons that a person completes by reading: a video, a quiz or a file is completed by its own module or download.
        if (Lesson!.Kind is not (LessonKinds.Article or LessonKinds.Link))
        {
            return BadRequest();
        }

        var outcome = await progress.CompleteAsync(entry!.State!, Published!.Snapshot, lessonKey, "marked", cancellationToken);
        return outcome == CompletionOutcome.Locked ? Forbid() : Redirect($"/Courses/{slug}/{lessonKey}");
    }

    private async Task<(IActionResult? Early, LessonGateResult? Entry)> LoadAsync(string slug, string lessonKey, CancellationToken cancellationToken)
    {
        Published = await reader.FindPublishedAsync(slug, cancellationToken);
        var entry = await gate.CheckAsync(UserId, Published, lessonKey, cancellationToken);
        Lesson = entry.Lesson;
        if (entry.Entry == LessonEntry.NotFound)
        {
            return (NotFound(), null);
        }

        ModuleTitle = Published!.Snapshot.Modules.First(m => m.Lessons.Contains(Lesson!)).Title;
        if (entry.Entry is LessonEntry.NotEnrolled or LessonEntry.CourseRestricted)
        {
            return (Redirect($"/Courses/{slug}"), null);
        }

        Enrollment = entry.State!.Enrollment;
        return (null, entry);
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
