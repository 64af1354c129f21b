using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Admin.Courses;

/// <summary>The draft as a learner would read it, before it is published.</summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class PreviewModel(LearningDbContext db) : PageModel
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

        var modules = await db.Set<CourseModule>().AsNoTracking().Where(m => m.CourseId == id).Include(m => m.Lessons).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        modules.ForEach(m => m.Lessons = m.Lessons.OrderBy(l => l.Position).ToList());
        Modules = modules;
        return Page();
    }
}
