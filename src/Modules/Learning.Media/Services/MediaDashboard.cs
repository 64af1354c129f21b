using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Media.Services;

/// <summary>The video library at a glance for the people who keep it: videos by state (a bar chart), the help library, hotlines.</summary>
internal sealed class MediaDashboard(LearningDbContext db, IStringLocalizer<MediaStrings> t) : IDashboardCardProvider
{
    private static readonly string[] StateOrder = ["Ready", "Queued", "Running", "Failed", "Cancelled"];

    public async Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.Manage))
        {
            return [];
        }

        var rows = await db.Set<Video>().AsNoTracking()
            .GroupJoin(db.Set<JobRecord>(), v => v.JobId, j => (long?)j.Id, (v, jobs) => new { v, jobs })
            .SelectMany(x => x.jobs.DefaultIfEmpty(), (x, j) => new { x.v.State, x.v.IsHelp, JobState = j == null ? (JobState?)null : j.State })
            .ToListAsync(cancellationToken);
        var states = rows
            .GroupBy(r => VideoStates.Of(r.State, r.JobState))
            .ToDictionary(g => g.Key, g => g.Count());
        var bars = StateOrder
            .Where(states.ContainsKey)
            .Select(s => new KeyValuePair<string, int>(t["State." + s], states[s]))
            .ToList();
        var hotlines = await db.Set<Hotline>().CountAsync(cancellationToken);
        return
        [
            new DashboardCard(t["Menu.Videos"], rows.Count.ToString(System.Globalization.CultureInfo.CurrentCulture), "/Admin/Media", 40, bars),
            new DashboardCard(t["Help.Title"], rows.Count(r => r.IsHelp && r.State == VideoState.Ready).ToString(System.Globalization.CultureInfo.CurrentCulture), "/Help", 41),
            new DashboardCard(t["Menu.AdminHotlines"], hotlines.ToString(System.Globalization.CultureInfo.CurrentCulture), "/Admin/Media/Hotlines", 42),
        ];
    }
}
