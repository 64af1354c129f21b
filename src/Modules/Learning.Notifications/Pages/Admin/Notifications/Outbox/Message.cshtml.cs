using Learning.Modularity;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Pages.Admin.Notifications.Outbox;

/// <summary>One message of the outbox: its headers as they go out, its state and last error, its bodies and attachments.</summary>
[RequirePermission(Permissions.Names.ManageOutbox)]
public sealed class MessageModel(OutboxAdministration outbox, IOptions<SmtpOptions> smtp, IStringLocalizer<NotificationsStrings> t) : PageModel
{
    public OutboxMessage? Item { get; private set; }

    public IReadOnlyList<OutboxAdministration.AttachmentInfo> Attachments { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Item = await outbox.FindAsync(id, cancellationToken);
        if (Item is null)
        {
            return NotFound();
        }

        Attachments = await outbox.AttachmentsAsync(id, cancellationToken);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("From", $"{smtp.Value.FromName} <{smtp.Value.FromAddress}>"),
            new("To", $"{Item.ToName} <{Item.ToAddress}>"),
            new("Subject", Item.Subject),
            new("Message-ID", $"<{Item.MessageId}>"),
            new("Date", LocalTime.Format(Item.CreatedUtc)),
        };
        if (Item.UnsubscribeUrl is { Length: > 0 } unsubscribe)
        {
            headers.Add(new("List-Unsubscribe", $"<{unsubscribe}>"));
            headers.Add(new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        }

        Headers = headers;
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken cancellationToken)
    {
        if (!await outbox.ResendAsync(id, User, cancellationToken))
        {
            return NotFound();
        }

        Message = t["Outbox.Resent", id];
        return RedirectToPage(new { id });
    }

    public string StateLabel(OutboxState state) => t["Outbox.State." + state];
}
