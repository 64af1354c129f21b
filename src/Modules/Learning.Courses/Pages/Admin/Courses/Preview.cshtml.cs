using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Admin.Courses;

/// <summary>The draft as a learner would read it, before it is published.</summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class PreviewModel(LearningDbContext db, CourseAuthoring authoring) : PageModel
{
    public Course? Course { get; private set; }

    public IReadOnlyList<CourseModule> Modules { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Course = await db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Course is null)
        {
            return NotFound();
        }

        Modules = await authoring.LoadDraftAsync(id, cancellationToken);
        return Page();
    }
}
