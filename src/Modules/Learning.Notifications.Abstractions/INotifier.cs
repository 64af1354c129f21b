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
}
