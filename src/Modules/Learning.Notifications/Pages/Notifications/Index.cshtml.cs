using Learning.Modularity;
using Learning.Notifications.Services.Inbox;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Notifications.Pages.Notifications;

/// <summary>The person's notifications, newest first, twenty to a page; "mark all read" posts (with its antiforgery token).</summary>
[Authorize]
public sealed class IndexModel(NotificationInbox inbox) : PageModel
{
    public InboxPage Inbox { get; private set; } = new([], 1, false, 0);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken) =>
        Inbox = await inbox.PageAsync(User.RequiredUserId(), p ?? 1, cancellationToken);

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(User.RequiredUserId(), cancellationToken);
        return Redirect("/Notifications");
    }
}
