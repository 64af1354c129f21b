using Learning.Data;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Services;

/// <summary>
/// Deletes notifications older than <c>Learning:Notifications:KeepDays</c> that no longer wait for e-mail (held ones and those
/// waiting for a digest stay until they are sent), with the files they still hold; messages keep their own copies.
/// </summary>
public sealed class NotificationRetention(LearningDbContext db, TimeProvider clock, IOptions<NotificationsOptions> options, IOptions<OutboxOptions> outbox)
{
    public const int BatchSize = 1000;

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepDays);
        return await InBatchesAsync(async ct =>
        {
            var ids = await db.Set<Notification>().AsNoTracking()
                .Where(n => n.CreatedUtc < cutoff && n.Email != EmailDelivery.Held && n.Email != EmailDelivery.Digest)
                .OrderBy(n => n.Id).Select(n => n.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return 0;
            }

            var owned = ids.Select(id => (long?)id).ToList();
            await db.Set<NotificationAttachment>().Where(a => owned.Contains(a.NotificationId) && a.OutboxMessageId == null).ExecuteDeleteAsync(ct);
            return await db.Set<Notification>().Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(ct);
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes messages sent more than <c>Learning:Notifications:Outbox:KeepSentDays</c> ago, with their attachments (the bytes of
    /// every scheduled report's XLSX would otherwise stay in the database for good). Pending and dead messages stay.
    /// </summary>
    public async Task<int> DeleteSentMessagesAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-outbox.Value.KeepSentDays);
        return await InBatchesAsync(async ct =>
        {
            var ids = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.State == OutboxState.Sent && m.SentUtc < cutoff)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return 0;
            }

            var owned = ids.Select(id => (long?)id).ToList();
            await db.Set<NotificationAttachment>().Where(a => owned.Contains(a.OutboxMessageId)).ExecuteDeleteAsync(ct);
            return await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.State == OutboxState.Sent).ExecuteDeleteAsync(ct);
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="batch"/> (which deletes at most <see cref="BatchSize"/> rows), each in its own transaction, until a batch comes up short.</summary>
    private async Task<int> InBatchesAsync(Func<CancellationToken, Task<int>> batch, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var count = await db.InTransactionAsync(batch, cancellationToken);
            deleted += count;
            if (count < BatchSize)
            {
                return deleted;
            }
        }
    }
}
