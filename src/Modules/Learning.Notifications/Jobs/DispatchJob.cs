using Learning.Data.Jobs;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Dispatch;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Jobs;

/// <summary>
/// Sends what is due (<see cref="NotificationDispatcher"/>). Queued by <see cref="INotifier"/> for when a hold ends, and by a
/// recurring sweep every 30 seconds that picks up anything a lost job left. Safe to run on two nodes at once and to run again:
/// every notification is claimed by a conditional update in the transaction that writes its message. A run sends everything
/// due, so it marks the other dispatch jobs already due as covered (<see cref="JobStore.CoverQueuedAsync"/>): a burst of
/// notices (an exam's results) is one run, not one per notice.
/// </summary>
internal sealed class DispatchJob(NotificationDispatcher dispatcher, JobStore jobs, TimeProvider clock, ILogger<DispatchJob> logger) : IJobHandler
{
    public const string SweepName = "notifications.dispatch";

    /// <summary>How long before a run a dispatch job must have been queued for the run to cover it (its notice committed by then).</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(60);

    public string Kind => Notifier.DispatchJobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var result = await dispatcher.DispatchDueAsync(cancellationToken);
        var covered = await jobs.CoverQueuedAsync(Kind, context.Id, started, Settled, cancellationToken);
        if (covered > 0)
        {
            logger.LogDebug("Dispatch job {Id} covered {Covered} other queued dispatch job(s)", context.Id, covered);
        }

        if (result != DispatchResult.None)
        {
            logger.LogInformation("Dispatched notifications: {Messages} message(s) for {Notifications}, {Digest} to a digest, {Skipped} not e-mailed, {Failed} waiting (render failed)",
                result.Messages, result.Notifications, result.ToDigest, result.Skipped, result.Failed);
        }
    }
}
