using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Pages.Courses;

[RequirePermission(Permissions.Names.Learn)]
public sealed class IndexModel(LearningDbContext db, CourseSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    public IReadOnlyList<Course> Courses { get; private set; } = [];

    public IReadOnlyDictionary<int, Enrollment> Progress { get; private set; } = new Dictionary<int, Enrollment>();

    public IReadOnlyDictionary<int, List<SearchHit>> Matches { get; private set; } = new Dictionary<int, List<SearchHit>>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Set<Course>().AsNoTracking().Where(c => c.IsPublished && c.PublishedVersion > 0);
        if (!string.IsNullOrEmpty(Topic))
        {
            query = query.Where(c => c.Topic == Topic);
        }

        List<int>? order = null;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var hits = await search.SearchAsync(Q, 100, cancellationToken);
            order = hits.Select(h => h.CourseId).Distinct().ToList();
            query = query.Where(c => order.Contains(c.Id));
            Matches = hits.Where(h => h.LessonKey is not null).GroupBy(h => h.CourseId).ToDictionary(g => g.Key, g => g.Take(5).ToList());
        }

        var courses = await query.OrderBy(c => c.Title).Take(200).ToListAsync(cancellationToken);
        Courses = order is null ? courses : courses.OrderBy(c => order.IndexOf(c.Id)).ToList();
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var ids = Courses.Select(c => c.Id).ToList();
        Progress = await db.Set<Enrollment>().AsNoTracking().Where(e => e.UserId == userId && ids.Contains(e.CourseId) && e.WithdrawnUtc == null)
            .ToDictionaryAsync(e => e.CourseId, cancellationToken);
    }
}
