using System.Security.Claims;
using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Services;

/// <summary>
/// While the site holds the demo recipe's simulated learning, the dashboard says so first, to whoever reads reports: the
/// administrator who may remove it is led to its page, a manager to the reports (which carry the same notice).
/// </summary>
internal sealed class DemoLearningDashboard(DemoLearning demo, IStringLocalizer<ReportsStrings> t) : IDashboardCardProvider
{
    public async Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.View) && !user.Has(Permissions.DemoData))
        {
            return [];
        }

        if (await demo.SinceAsync(cancellationToken) is not { } since)
        {
            return [];
        }

        var url = user.Has(Permissions.DemoData) ? "/Admin/Reports/Demo" : "/Admin/Reports";
        return [new DashboardCard(t["Demo.Card"], t["Demo.CardValue", DemoLearning.Day(since)], url, 0)];
    }
}
