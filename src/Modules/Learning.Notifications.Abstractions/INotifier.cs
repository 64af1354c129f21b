namespace Learning.Notifications;

/// <summary>
/// The one way a module tells a user something. <see cref="Notify"/> adds the notification to the caller's unit of work (the
/// request's scoped <c>LearningDbContext</c>): it is written by the caller's next <c>SaveChanges</c>, inside the caller's
/// transaction, so a change that rolls back notifies no one and a change that commits cannot lose its notification. What
/// happens next (the in-app list, e-mail now or in a digest, nothing) follows the user's preferences and is the
/// notifications module's business.
/// </summary>
public interface INotifier
{
    void Notify(Notice notice);

    /// <summary>
    /// Many notices at once, for senders that work on sets (reminders to every cadre of a province). The rows are written
    /// now, by multi-row INSERTs on the caller's connection inside the caller's open transaction (required: they commit or
    /// roll back with it), instead of being tracked one by one; the dispatch job joins the unit of work as with
    /// <see cref="Notify"/>, so the caller's <c>SaveChanges</c> still follows before the commit. Notices with attachments go
    /// through <see cref="Notify"/>.
    /// </summary>
    Task NotifyManyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken = default);
}
