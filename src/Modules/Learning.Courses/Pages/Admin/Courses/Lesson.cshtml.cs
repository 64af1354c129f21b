using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Admin.Courses;

[RequirePermission(Permissions.Names.Author)]
[RequestSizeLimit(60 * 1024 * 1024)]
public sealed class LessonModel(LearningDbContext db, CourseAuthoring authoring, CourseFiles files, IStringLocalizer<CoursesStrings> t, IEnumerable<ILessonReferenceSource> referenceSources, LessonKindCatalog kinds) : PageModel
{
    public Lesson? Lesson { get; private set; }

    public string CourseTitle { get; private set; } = "";

    public IReadOnlyList<Lesson> OtherLessons { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>What the lesson's kind can point at (the videos, for a video lesson), when the owning module offers a list.</summary>
    public IReadOnlyList<LessonReferenceChoice>? ReferenceChoices { get; private set; }

    public bool IsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Message = saved ? t["Admin.Saved"].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, string? title, string? kind, string? markdown, string? url, string? reference, int minutes,
        bool required, bool markAsDone, string? prerequisite, CancellationToken cancellationToken)
    {
        var lesson = await db.Set<Lesson>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lesson is null)
        {
            return NotFound();
        }

        if (url is { Length: > 0 } && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            await LoadAsync(id, cancellationToken);
            (Message, IsError) = (t["Publish.LinkInvalid"], true);
            return Page();
        }

        lesson.Title = string.IsNullOrWhiteSpace(title) ? lesson.Title : title.Trim();
        lesson.Kind = kinds.IsOffered(kind) ? kind! : lesson.Kind;
        lesson.Markdown = markdown ?? "";
        lesson.Url = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        lesson.Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        lesson.Minutes = Math.Clamp(minutes, 0, 600);
        lesson.Required = required;
        lesson.MarkAsDone = markAsDone;
        lesson.PrerequisiteLessonKey = string.IsNullOrEmpty(prerequisite) || prerequisite == lesson.Key ? null : prerequisite;
        await authoring.TouchAsync(lesson.CourseId, cancellationToken);
        return Redirect($"/Admin/Courses/Lesson/{id}?saved=true");
    }

    /// <summary>A file for a file lesson, or an image inserted into the lesson's Markdown. Checked by content, not by name.</summary>
    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var lesson = await db.Set<Lesson>().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lesson is null)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            await LoadAsync(id, cancellationToken);
            (Message, IsError) = (t["Admin.NoFile"], true);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var imagesOnly = lesson.Kind != LessonKinds.File;
        var stored = await files.StoreAsync(stream, file.FileName, imagesOnly, cancellationToken);
        if (stored is null)
        {
            await LoadAsync(id, cancellationToken);
            (Message, IsError) = (t[imagesOnly ? "Admin.NotAnImage" : "Admin.FileTypeRefused"], true);
            return Page();
        }

        if (imagesOnly)
        {
            var alt = Path.GetFileNameWithoutExtension(file.FileName).Replace('[', '(').Replace(']', ')');
            lesson.Markdown = lesson.Markdown.TrimEnd() + $"\n\n![{alt}](/course-files/{stored.Value.StoredName})\n";
        }
        else
        {
            lesson.FileName = stored.Value.StoredName;
            lesson.FileDisplayName = Path.GetFileName(file.FileName);
        }

        await authoring.TouchAsync(lesson.CourseId, cancellationToken);
        return Redirect($"/Admin/Courses/Lesson/{id}?saved=true");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Lesson = await db.Set<Lesson>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (Lesson is null)
        {
            return false;
        }

        CourseTitle = await db.Set<Course>().Where(c => c.Id == Lesson.CourseId).Select(c => c.Title).SingleAsync(cancellationToken);
        OtherLessons = await db.Set<Lesson>().AsNoTracking().Where(l => l.CourseId == Lesson.CourseId && l.Id != id).OrderBy(l => l.ModuleId).ThenBy(l => l.Position).ToListAsync(cancellationToken);
        var kind = Lesson.Kind;
        if (referenceSources.FirstOrDefault(s => s.Kind == kind) is { } source)
        {
            ReferenceChoices = await source.GetChoicesAsync(cancellationToken);
        }

        return true;
    }
}
