using Learning.Data;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications.Services.Dispatch;

/// <summary>
/// The conditional updates that make a notification go out once, with two dispatchers (two nodes, a rerun, a retried job) at
/// work: a notification changes state only from the state the caller read, inside the transaction that writes its message.
/// On PostgreSQL the second writer waits on the first's row locks and then finds the state changed; SQLite has one writer.
/// </summary>
internal static class NotificationClaims
{
    /// <summary>
    /// Moves every notification of one message from <paramref name="from"/> to <see cref="EmailDelivery.Queued"/>, or none: when
    /// another dispatcher took some of them first, the ones this call took go back to <paramref name="from"/> (they have no
    /// message yet, unlike the other dispatcher's) and the caller writes no message.
    /// </summary>
    public static async Task<bool> ClaimAsync(LearningDbContext db, IReadOnlyCollection<long> ids, EmailDelivery from, CancellationToken cancellationToken)
    {
        var taken = await In(db, ids, from).ExecuteUpdateAsync(s => s.SetProperty(n => n.Email, EmailDelivery.Queued), cancellationToken);
        if (taken == ids.Count)
        {
            return true;
        }

        if (taken > 0)
        {
            await db.Set<Notification>().Where(n => ids.Contains(n.Id) && n.Email == EmailDelivery.Queued && n.OutboxMessageId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Email, from), cancellationToken);
        }

        return false;
    }

    /// <summary>Records the message the claimed notifications went out in.</summary>
    public static Task<int> RecordMessageAsync(LearningDbContext db, IReadOnlyCollection<long> ids, long messageId, CancellationToken cancellationToken) =>
        db.Set<Notification>().Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.OutboxMessageId, messageId), cancellationToken);

    /// <summary>Moves those still in <paramref name="from"/> to <paramref name="to"/> (a digest, or not e-mailed); returns how many.</summary>
    public static Task<int> MoveAsync(LearningDbContext db, IReadOnlyCollection<long> ids, EmailDelivery from, EmailDelivery to, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.FromResult(0) : In(db, ids, from).ExecuteUpdateAsync(s => s.SetProperty(n => n.Email, to), cancellationToken);

    private static IQueryable<Notification> In(LearningDbContext db, IReadOnlyCollection<long> ids, EmailDelivery state) =>
        db.Set<Notification>().Where(n => ids.Contains(n.Id) && n.Email == state);
}
