using Learning.Modularity;
using Learning.Notifications.Services.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Learning.Notifications.Endpoints;

public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Signed in (the fallback policy); only the owner's notification is found.
        endpoints.MapGet("/Notifications/Open/{id:long}", OpenAsync);
        return endpoints;
    }

    /// <summary>
    /// Marks the notification read and follows its link. A link that is not a path on this site is not followed (the list
    /// instead): notifications are written by modules, but a redirect from here must never leave the site.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, NotFound>> OpenAsync(long id, HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var link = await inbox.OpenAsync(http.User.RequiredUserId(), id, cancellationToken);
        if (link is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Redirect(NotificationInbox.IsLocal(link) ? link : "/Notifications");
    }
}
