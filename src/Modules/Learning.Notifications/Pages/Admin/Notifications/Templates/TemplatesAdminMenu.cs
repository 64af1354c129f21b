using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages.Admin.Notifications.Templates;

/// <summary>The e-mail templates' item in the administration menu.</summary>
internal sealed class TemplatesAdminMenu(IStringLocalizer<NotificationsStrings> t) : IAdminMenuProvider
{
    public IEnumerable<MenuItem> GetItems() => [new(t["Menu.Templates"], "/Admin/Notifications/Templates", Permissions.ManageTemplates, 70)];
}
