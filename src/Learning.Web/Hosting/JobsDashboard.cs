using System.Globalization;
using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

/// <summary>Failed background jobs on the dashboard, for the people who can retry them, with the jobs by state as bars.</summary>
internal sealed class JobsDashboard(IJobQueue jobs, IStringLocalizer<WebStrings> t) : IDashboardCardProvider
{
    public async Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(AdminPermissions.ManageJobs))
        {
            return [];
        }

        var counts = await jobs.CountByStateAsync(cancellationToken);
        var bars = Enum.GetValues<JobState>().Where(counts.ContainsKey).Select(s => new KeyValuePair<string, int>(t["Jobs.State." + s], counts[s])).ToList();
        return [new DashboardCard(t["Jobs.FailedCard"], counts.GetValueOrDefault(JobState.Failed).ToString(CultureInfo.CurrentCulture), "/Admin/Jobs?state=Failed", 90, bars)];
    }
}
