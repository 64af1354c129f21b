using System.Security.Claims;
using Learning.Data;
using Learning.Modularity;
using Learning.Notifications.Components;
using Microsoft.AspNetCore.Html;

namespace Learning.Notifications.Services.Inbox;

/// <summary>The header's bell with the person's unread count (one indexed count per page; no inbox, so no renderer).</summary>
public sealed class NotificationBell(LearningDbContext db, ComponentHtmlRenderer components) : IHeaderItemProvider
{
    public async Task<IHtmlContent?> RenderAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return null;
        }

        var count = await NotificationInbox.UnreadCountAsync(db, userId, cancellationToken);
        return await components.RenderAsync<Bell>(new Dictionary<string, object?> { [nameof(Bell.Count)] = count });
    }
}
