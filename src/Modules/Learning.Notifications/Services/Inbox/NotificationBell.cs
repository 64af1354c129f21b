using System.Security.Claims;
using Learning.Modularity;
using Learning.Notifications.Components;
using Microsoft.AspNetCore.Html;

namespace Learning.Notifications.Services.Inbox;

/// <summary>The header's bell with the person's unread count (one indexed count per page).</summary>
public sealed class NotificationBell(NotificationInbox inbox, ComponentHtmlRenderer components) : IHeaderItemProvider
{
    public async Task<IHtmlContent?> RenderAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return null;
        }

        var count = await inbox.UnreadCountAsync(userId, cancellationToken);
        return await components.RenderAsync<Bell>(new Dictionary<string, object?> { [nameof(Bell.Count)] = count });
    }
}
