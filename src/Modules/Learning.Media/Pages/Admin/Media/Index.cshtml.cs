using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Media.Pages.Admin.Media;

[RequirePermission(Permissions.Names.Manage)]
public sealed class IndexModel(LearningDbContext db, IOptions<MediaOptions> options) : PageModel
{
    public sealed record Row(int Id, string PublicId, string Title, string State, int Progress, string? Error, double Duration, string Renditions, bool IsHelp, string? Field);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public MediaOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<Video>().AsNoTracking().OrderByDescending(v => v.CreatedUtc).Take(500)
            .GroupJoin(db.Set<JobRecord>(), v => v.JobId, j => (long?)j.Id, (v, jobs) => new { v, jobs })
            .SelectMany(x => x.jobs.DefaultIfEmpty(), (x, j) => new { x.v, j })
            .ToListAsync(cancellationToken);
        Items = rows.Select(r => new Row(r.v.Id, r.v.PublicId, r.v.Title, VideoStates.Of(r.v.State, r.j?.State), r.v.State == VideoState.Ready ? 100 : r.j?.Progress ?? 0,
            r.j?.Error, r.v.DurationSeconds, r.v.Renditions, r.v.IsHelp, r.v.Field)).ToList();
    }
}
