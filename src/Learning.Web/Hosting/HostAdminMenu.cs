using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

internal sealed class HostAdminMenu(IStringLocalizer<WebStrings> t) : IAdminMenuProvider
{
    public IEnumerable<MenuItem> GetItems() =>
    [
        new(t["Menu.Dashboard"], "/Admin", AdminPermissions.AccessAdmin, 0),
        new(t["Menu.Settings"], "/Admin/Settings", AdminPermissions.ManageSettings, 95),
        new(t["Menu.Audit"], "/Admin/Audit", AdminPermissions.ViewAuditTrail, 96),
        new(t["Menu.Jobs"], "/Admin/Jobs", AdminPermissions.ManageJobs, 97),
    ];
}

internal sealed class HostSiteMenu(IStringLocalizer<WebStrings> t) : ISiteMenuProvider
{
    public IEnumerable<MenuItem> GetItems() => [new(t["Home.Admin"], "/Admin", AdminPermissions.AccessAdmin, 90)];
}
