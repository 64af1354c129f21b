using Learning.Modularity;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages.Admin.Notifications.Outbox;

/// <summary>The e-mail outbox: messages by state, dead letters first, and "resend" for a dead letter (audited).</summary>
[RequirePermission(Permissions.Names.ManageOutbox)]
public sealed class IndexModel(OutboxAdministration outbox, IStringLocalizer<NotificationsStrings> t) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public OutboxState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<OutboxAdministration.Row> Items { get; private set; } = [];

    public IReadOnlyDictionary<OutboxState, int> Counts { get; private set; } = new Dictionary<OutboxState, int>();

    public bool HasMore { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await outbox.CountsAsync(cancellationToken);
        var items = await outbox.ListAsync(State, Before, PageSize + 1, cancellationToken);
        HasMore = items.Count > PageSize;
        Items = items.Take(PageSize).ToList();
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken cancellationToken)
    {
        if (!await outbox.ResendAsync(id, User, cancellationToken))
        {
            return NotFound();
        }

        Message = t["Outbox.Resent", id];
        return RedirectToPage(new { State });
    }

    public string StateLabel(OutboxState state) => t["Outbox.State." + state];
}
