using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Admin.Courses;

/// <summary>
/// The draft as a learner would read it, before it is published: each lesson's text, and a video or quiz lesson as its module
/// renders it in preview (the player without watch tracking; the quiz card without a start, linking to the quiz's own
/// preview). Nothing is recorded for the author.
/// </summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class PreviewModel(LearningDbContext db, CourseAuthoring authoring, IEnumerable<ILessonKindRenderer> renderers) : PageModel
{
    public Course? Course { get; private set; }

    public IReadOnlyList<CourseModule> Modules { get; private set; } = [];

    /// <summary>What a lesson's kind renders (by lesson id), for the kinds a module renders (video, quiz).</summary>
    public IReadOnlyDictionary<int, IHtmlContent> KindContent { get; private set; } = new Dictionary<int, IHtmlContent>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Course = await db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Course is null)
        {
            return NotFound();
        }

        Modules = await authoring.LoadDraftAsync(id, cancellationToken);
        var kinds = new Dictionary<int, IHtmlContent>();
        var userId = User.RequiredUserId();
        foreach (var lesson in Modules.SelectMany(m => m.Lessons).Where(l => l.Reference is { Length: > 0 }))
        {
            if (renderers.FirstOrDefault(r => r.Kind == lesson.Kind) is { } renderer)
            {
                kinds[lesson.Id] = await renderer.RenderAsync(
                    new LessonRenderContext(Course.Id, Course.Slug, lesson.Key, lesson.Kind, lesson.Title, lesson.Reference, userId, IsPreview: true),
                    cancellationToken);
            }
        }

        KindContent = kinds;
        return Page();
    }
}
