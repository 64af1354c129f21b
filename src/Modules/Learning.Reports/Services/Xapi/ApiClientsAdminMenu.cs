using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Services.Xapi;

/// <summary>The API keys' item in the administration menu.</summary>
internal sealed class ApiClientsAdminMenu(IStringLocalizer<ReportsStrings> t) : IAdminMenuProvider
{
    public IEnumerable<MenuItem> GetItems() => [new(t["Menu.ApiClients"], "/Admin/Reports/api-clients", Permissions.ApiClients, 96)];
}
