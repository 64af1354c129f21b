using Learning.Data.Jobs;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Dispatch;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Jobs;

/// <summary>
/// One occurrence of a digest: everything that joined the digest up to the occurrence (after downtime, the one occurrence that
/// covers the gap), once. Run by hand (no occurrence in the payload), it covers up to now.
/// </summary>
internal abstract class DigestJob(DigestSender digests, TimeProvider clock, ILogger logger) : IJobHandler
{
    public abstract string Kind { get; }

    protected abstract Cadence Cadence { get; }

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var occurrence = context.PayloadAs<RecurringOccurrence>();
        var until = occurrence is { ToUtc.Ticks: > 0 } ? occurrence.ToUtc : clock.GetUtcNow().UtcDateTime;
        var result = await digests.SendAsync(Cadence, until, cancellationToken);
        logger.LogInformation("{Cadence} digest up to {Until:u}: {Messages} message(s) for {Notifications} notification(s), {Skipped} not e-mailed, {Failed} waiting",
            Cadence, until, result.Messages, result.Notifications, result.Skipped, result.Failed);
    }
}
