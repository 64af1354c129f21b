using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learning.Courses.Pages.Courses;

[RequirePermission(Permissions.Names.Learn)]
public sealed class IndexModel(LearningDbContext db, CourseSearch search, IMemoryCache cache) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 24;

    public int Pages { get; private set; } = 1;

    public IReadOnlyList<Course> Courses { get; private set; } = [];

    public IReadOnlyDictionary<int, Enrollment> Progress { get; private set; } = new Dictionary<int, Enrollment>();

    public IReadOnlyDictionary<int, List<SearchHit>> Matches { get; private set; } = new Dictionary<int, List<SearchHit>>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The published list is the same for everyone: cached for a few seconds, like the course rows.
        var published = await cache.GetOrCreateAsync("catalog", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CourseReader.RowLifetime;
            entry.Size = 1;
            return db.Set<Course>().AsNoTracking().Where(c => c.IsPublished && c.PublishedVersion > 0).OrderBy(c => c.Title).ToListAsync(cancellationToken);
        }) ?? [];
        IEnumerable<Course> courses = published;
        if (!string.IsNullOrEmpty(Topic))
        {
            courses = courses.Where(c => c.Topic == Topic);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var hits = await search.SearchAsync(Q, 100, cancellationToken);
            var order = hits.Select(h => h.CourseId).Distinct().ToList();
            courses = courses.Where(c => order.Contains(c.Id)).OrderBy(c => order.IndexOf(c.Id));
            Matches = hits.Where(h => h.LessonKey is not null).GroupBy(h => h.CourseId).ToDictionary(g => g.Key, g => g.Take(5).ToList());
        }

        var all = courses.ToList();
        Pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Courses = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var userId = User.UserId();
        var ids = Courses.Select(c => c.Id).ToList();
        Progress = await db.Set<Enrollment>().AsNoTracking().Where(e => e.UserId == userId && ids.Contains(e.CourseId) && e.WithdrawnUtc == null)
            .ToDictionaryAsync(e => e.CourseId, cancellationToken);
    }
}
