using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Services.Mail;

internal sealed class OutboxAdminMenu(IStringLocalizer<NotificationsStrings> t) : IAdminMenuProvider
{
    public IEnumerable<MenuItem> GetItems() => [new(t["Menu.Outbox"], "/Admin/Notifications/Outbox", Permissions.ManageOutbox, 86)];
}
