using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Services.Exports;

internal sealed class SubscriptionsMenu(IStringLocalizer<ReportsStrings> t) : IAdminMenuProvider
{
    public IEnumerable<MenuItem> GetItems() => [new(t["Subscriptions.Menu"], "/Admin/Reports/Subscriptions", Permissions.Schedule, 62)];
}
