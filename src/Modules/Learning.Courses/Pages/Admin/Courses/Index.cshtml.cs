using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Admin.Courses;

[RequirePermission(Permissions.Names.Author)]
public sealed class IndexModel(LearningDbContext db, CourseAuthoring authoring) : PageModel
{
    public sealed record Row(int Id, string Slug, string Title, bool IsPublished, int Version, bool HasDraftChanges, int Enrolled, int Completed);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var versions = db.Set<CourseVersion>();
        var enrollments = db.Set<Enrollment>();
        Items = await db.Set<Course>().AsNoTracking().OrderBy(c => c.Title)
            .Select(c => new Row(c.Id, c.Slug, c.Title, c.IsPublished, c.PublishedVersion,
                c.PublishedVersion == 0 || versions.Where(v => v.CourseId == c.Id && v.Number == c.PublishedVersion).Select(v => v.PublishedUtc).FirstOrDefault() < c.DraftUpdatedUtc,
                enrollments.Count(e => e.CourseId == c.Id && e.WithdrawnUtc == null),
                enrollments.Count(e => e.CourseId == c.Id && e.CompletedUtc != null)))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? title, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return RedirectToPage();
        }

        var course = await authoring.CreateAsync(title, cancellationToken);
        return Redirect($"/Admin/Courses/Edit/{course.Id}");
    }
}
