using Learning.Modularity;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages.Admin.Notifications.Outbox;

/// <summary>One message of the outbox: its headers as they go out, its state and last error, its bodies and attachments.</summary>
[RequirePermission(Permissions.Names.ManageOutbox)]
public sealed class MessageModel(OutboxAdministration outbox, MailMessageFactory factory, IStringLocalizer<NotificationsStrings> t) : PageModel
{
    /// <summary>The headers shown (the rest are MIME structure).</summary>
    private static readonly HashSet<string> Shown = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Subject", "Date", "Message-Id", "Auto-Submitted", "List-Unsubscribe", "List-Unsubscribe-Post",
    };

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

        // The headers as the sender writes them (the same factory), decoded: what the recipient's client will show.
        if (MailMessageFactory.ParseRecipient(Item.ToName, Item.ToAddress) is not null)
        {
            using var mime = factory.Create(Item, []);
            Headers = mime.Headers.Where(h => Shown.Contains(h.Field)).Select(h => new KeyValuePair<string, string>(h.Field, h.Value.Trim())).ToList();
        }
        else
        {
            Headers = [new("To", $"{Item.ToName} <{Item.ToAddress}>"), new("Subject", Item.Subject), new("Message-ID", $"<{Item.MessageId}>")];
        }

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
}
