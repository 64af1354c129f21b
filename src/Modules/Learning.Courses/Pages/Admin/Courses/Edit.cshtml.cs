using System.Globalization;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Admin.Courses;

[RequirePermission(Permissions.Names.Author)]
public sealed class EditModel(LearningDbContext db, CourseAuthoring authoring, CoursePublisher publisher, IStringLocalizer<CoursesStrings> t) : PageModel
{
    public Course? Course { get; private set; }

    public IReadOnlyList<CourseModule> Modules { get; private set; } = [];

    public IReadOnlyList<Course> OtherCourses { get; private set; } = [];

    public string? Message { get; private set; }

    public List<string> Errors { get; } = [];

    public string LocalInput(DateTime? utc) => utc is { } value ? LocalTime.ToLocal(value).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddModuleAsync(int id, string? title, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(title) && await db.Set<Course>().AnyAsync(c => c.Id == id, cancellationToken))
        {
            await authoring.AddModuleAsync(id, title, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddLessonAsync(int id, int moduleId, string? title, string? kind, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(title) && await OwnsModuleAsync(id, moduleId, cancellationToken))
        {
            var lesson = await authoring.AddLessonAsync(moduleId, title, kind ?? LessonKinds.Article, cancellationToken);
            return Redirect($"/Admin/Courses/Lesson/{lesson.Id}");
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRenameModuleAsync(int id, int moduleId, string? title, CancellationToken cancellationToken)
    {
        var module = await db.Set<CourseModule>().SingleOrDefaultAsync(m => m.Id == moduleId && m.CourseId == id, cancellationToken);
        if (module is not null && !string.IsNullOrWhiteSpace(title))
        {
            module.Title = title.Trim();
            await authoring.TouchAsync(id, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMoveModuleAsync(int id, int moduleId, int direction, CancellationToken cancellationToken)
    {
        if (await OwnsModuleAsync(id, moduleId, cancellationToken))
        {
            await authoring.MoveModuleAsync(moduleId, direction, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMoveLessonAsync(int id, int lessonId, int direction, CancellationToken cancellationToken)
    {
        if (await db.Set<Lesson>().AnyAsync(l => l.Id == lessonId && l.CourseId == id, cancellationToken))
        {
            await authoring.MoveLessonAsync(lessonId, direction, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteModuleAsync(int id, int moduleId, CancellationToken cancellationToken)
    {
        if (await OwnsModuleAsync(id, moduleId, cancellationToken))
        {
            await authoring.DeleteModuleAsync(moduleId, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteLessonAsync(int id, int lessonId, CancellationToken cancellationToken)
    {
        if (await db.Set<Lesson>().AnyAsync(l => l.Id == lessonId && l.CourseId == id, cancellationToken))
        {
            await authoring.DeleteLessonAsync(lessonId, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.Set<Course>().AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var result = await publisher.PublishAsync(id, User.Identity?.Name, cancellationToken);
        await LoadAsync(id, cancellationToken);
        Message = result.Succeeded ? t["Admin.Published", result.Version] : t["Admin.PublishRefused"];
        Errors.AddRange(result.Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken)
    {
        await publisher.UnpublishAsync(id, cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDuplicateAsync(int id, CancellationToken cancellationToken)
    {
        var copy = await authoring.DuplicateAsync(id, t["Admin.CopySuffix"], cancellationToken);
        return Redirect($"/Admin/Courses/Edit/{copy.Id}");
    }

    public async Task<IActionResult> OnPostSettingsAsync(int id, CourseSettingsInput settings, CancellationToken cancellationToken)
    {
        var outcome = await authoring.UpdateSettingsAsync(id, settings, cancellationToken);
        switch (outcome)
        {
            case CourseSettingsOutcome.NotFound:
                return NotFound();
            case CourseSettingsOutcome.Saved:
                return RedirectToPage(new { id });
            default:
                await LoadAsync(id, cancellationToken);
                Message = t[outcome == CourseSettingsOutcome.CircularPrerequisite ? "Admin.CircularPrerequisite" : "Admin.DatesInvalid"];
                Errors.Add(Message);
                return Page();
        }
    }

    private Task<bool> OwnsModuleAsync(int courseId, int moduleId, CancellationToken cancellationToken) =>
        db.Set<CourseModule>().AnyAsync(m => m.Id == moduleId && m.CourseId == courseId, cancellationToken);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Course = await db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Course is null)
        {
            return false;
        }

        Modules = await authoring.LoadDraftAsync(id, cancellationToken);
        OtherCourses = await db.Set<Course>().AsNoTracking().Where(c => c.Id != id).OrderBy(c => c.Title).ToListAsync(cancellationToken);
        return true;
    }
}
