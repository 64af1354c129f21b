using System.Globalization;
using System.Security.Claims;
using Learning.Modularity;
using Learning.Notifications.Data;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Services.Mail;

/// <summary>Dead letters on the dashboard, for the people who can resend them, with the outbox by state as bars.</summary>
internal sealed class OutboxDashboard(OutboxAdministration outbox, IStringLocalizer<NotificationsStrings> t) : IDashboardCardProvider
{
    public async Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.ManageOutbox))
        {
            return [];
        }

        var counts = await outbox.CountsAsync(cancellationToken);
        var bars = Enum.GetValues<OutboxState>().Select(s => new KeyValuePair<string, int>(t["Outbox.State." + s], counts.GetValueOrDefault(s))).ToList();
        return [new DashboardCard(t["Outbox.DeadCard"], counts.GetValueOrDefault(OutboxState.Dead).ToString(CultureInfo.CurrentCulture), "/Admin/Notifications/Outbox?state=Dead", 91, bars)];
    }
}
