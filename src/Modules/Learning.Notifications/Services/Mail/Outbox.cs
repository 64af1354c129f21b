using Learning.Data;
using Learning.Data.Jobs;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications.Services.Mail;

/// <summary>
/// Writes e-mails to the outbox in the caller's unit of work (nothing is saved here), with one send job per unit of work, so
/// a message exists exactly when the change that caused it committed. The sender (<see cref="SendJobKind"/>) delivers it.
/// </summary>
public sealed class Outbox(LearningDbContext db, TimeProvider clock)
{
    /// <summary>The job that sends what waits in the outbox.</summary>
    public const string SendJobKind = "notifications.send";

    /// <summary>The send job of this unit of work.</summary>
    private readonly UnitOfWorkJob send = new(SendJobKind);

    public OutboxMessage Add(MailDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            MessageId = $"{Guid.NewGuid():N}@learning",
            UserId = draft.UserId,
            ToAddress = draft.ToAddress,
            ToName = draft.ToName,
            Type = draft.Type,
            Culture = draft.Culture,
            Subject = draft.Subject,
            TextBody = draft.TextBody,
            HtmlBody = draft.HtmlBody,
            UnsubscribeUrl = draft.UnsubscribeUrl,
            State = OutboxState.Pending,
            NextAttemptUtc = now,
            CreatedUtc = now,
        };
        db.Add(message);
        foreach (var attachment in draft.Attachments)
        {
            db.Add(new NotificationAttachment { Message = message, FileName = attachment.FileName, ContentType = attachment.ContentType, Content = attachment.Content });
        }

        send.Ensure(db, now, now);
        return message;
    }
}
