using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Courses;

[RequirePermission(Permissions.Names.Learn)]
public sealed class PathModel(LearningDbContext db) : PageModel
{
    public sealed record Item(string Slug, string Title, bool Enrolled, bool Completed);

    public LearningPath? Path { get; private set; }

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public int Done => Items.Count(i => i.Completed);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Path = await db.Set<LearningPath>().AsNoTracking().Include(p => p.Courses).SingleOrDefaultAsync(p => p.Slug == slug && p.IsPublished, cancellationToken);
        if (Path is null)
        {
            return NotFound();
        }

        var userId = User.UserId();
        var ids = Path.Courses.OrderBy(c => c.Position).Select(c => c.CourseId).ToList();
        var courses = await db.Set<Course>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.IsPublished).ToDictionaryAsync(c => c.Id, cancellationToken);
        var enrollments = await db.Set<Enrollment>().AsNoTracking().Where(e => e.UserId == userId && ids.Contains(e.CourseId)).ToDictionaryAsync(e => e.CourseId, cancellationToken);
        Items = ids.Where(courses.ContainsKey).Select(id => new Item(courses[id].Slug, courses[id].Title,
            enrollments.TryGetValue(id, out var e) && e.WithdrawnUtc == null, enrollments.GetValueOrDefault(id)?.CompletedUtc is not null)).ToList();
        return Page();
    }
}
