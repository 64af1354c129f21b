using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications.Services.Mail;

/// <summary>What the outbox page reads and does: counts, the list (never the bodies), one message, and resending a dead letter.</summary>
public sealed class OutboxAdministration(LearningDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public sealed record Row(long Id, string ToName, string ToAddress, string Subject, string Type, OutboxState State, int Attempts, DateTime CreatedUtc, DateTime NextAttemptUtc, DateTime? SentUtc, string? LastError);

    public sealed record AttachmentInfo(string FileName, string ContentType, long Bytes);

    public async Task<IReadOnlyDictionary<OutboxState, int>> CountsAsync(CancellationToken cancellationToken) =>
        await db.Set<OutboxMessage>().GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Newest first, <paramref name="take"/> at most, older than the message <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(OutboxState? state, long? before, int take, CancellationToken cancellationToken)
    {
        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(m => m.State == s);
        }

        if (before is { } b)
        {
            query = query.Where(m => m.Id < b);
        }

        return await query.OrderByDescending(m => m.Id).Take(take)
            .Select(m => new Row(m.Id, m.ToName, m.ToAddress, m.Subject, m.Type, m.State, m.Attempts, m.CreatedUtc, m.NextAttemptUtc, m.SentUtc, m.LastError))
            .ToListAsync(cancellationToken);
    }

    public Task<OutboxMessage?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    public async Task<IReadOnlyList<AttachmentInfo>> AttachmentsAsync(long id, CancellationToken cancellationToken) =>
        await db.Set<NotificationAttachment>().Where(a => a.OutboxMessageId == id).OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.FileName, a.ContentType, a.Content.Length)).ToListAsync(cancellationToken);

    /// <summary>
    /// A dead letter pending again now with its attempts counted afresh (the last error stays until the next attempt), a send job
    /// queued, and the audit entry, in one transaction. False when the message is not a dead letter (or does not exist).
    /// </summary>
    public async Task<bool> ResendAsync(long id, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var changed = await db.Set<OutboxMessage>().Where(m => m.Id == id && m.State == OutboxState.Dead)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, OutboxState.Pending)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptUtc, now)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), ct);
            if (changed == 0)
            {
                return false;
            }

            audit.Record("notifications.outbox.resent", id.ToString(System.Globalization.CultureInfo.InvariantCulture), actor: actor);
            db.Add(new JobRecord { Kind = Outbox.SendJobKind, Payload = "{}", MaxAttempts = 5, RunAfterUtc = now, CreatedUtc = now });
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
}
