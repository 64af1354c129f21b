using Learning.Data.Jobs;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Dispatch;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Jobs;

/// <summary>
/// Sends what is due (<see cref="NotificationDispatcher"/>). Queued by <see cref="INotifier"/> for when a hold ends, and by a
/// recurring sweep every 30 seconds that picks up anything a lost job left. Safe to run on two nodes at once and to run again:
/// every notification is claimed by a conditional update in the transaction that writes its message.
/// </summary>
internal sealed class DispatchJob(NotificationDispatcher dispatcher, ILogger<DispatchJob> logger) : IJobHandler
{
    public const string SweepName = "notifications.dispatch";

    public string Kind => Notifier.DispatchJobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var result = await dispatcher.DispatchDueAsync(cancellationToken);
        if (result != DispatchResult.None)
        {
            logger.LogInformation("Dispatched notifications: {Messages} message(s) for {Notifications}, {Digest} to a digest, {Skipped} not e-mailed, {Failed} waiting (render failed)",
                result.Messages, result.Notifications, result.ToDigest, result.Skipped, result.Failed);
        }
    }
}
