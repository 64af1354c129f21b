using System.Globalization;
using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

/// <summary>Failed background jobs on the dashboard, for the people who can retry them, with the jobs by state as bars.</summary>
internal sealed class JobsDashboard(LearningDbContext db, IStringLocalizer<WebStrings> t) : IDashboardCardProvider
{
    public async Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(AdminPermissions.ManageJobs))
        {
            return [];
        }

        var counts = await db.Set<JobRecord>().GroupBy(j => j.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var bars = Enum.GetValues<JobState>().Where(counts.ContainsKey).Select(s => new KeyValuePair<string, int>(t["Jobs.State." + s], counts[s])).ToList();
        return [new DashboardCard(t["Jobs.FailedCard"], counts.GetValueOrDefault(JobState.Failed).ToString(CultureInfo.CurrentCulture), "/Admin/Jobs?state=Failed", 90, bars)];
    }
}
