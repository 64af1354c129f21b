using Learning.Data.Jobs;
using Learning.Notifications.Services.Mail;

namespace Learning.Notifications.Jobs;

/// <summary>
/// <see cref="Outbox.SendJobKind"/>: drains the outbox. Queued with each unit of work that writes mail, and every 30 s by the
/// recurring sweep, so that retries whose backoff has passed go out too. Each run is a worker of its own name: claims, not the
/// job's lease, keep two runs (on one node or two) from sending the same message.
/// </summary>
internal sealed class SendOutboxJob(OutboxSender sender) : IJobHandler
{
    public string Kind => Outbox.SendJobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var worker = $"{Environment.MachineName}:{Environment.ProcessId}:job{context.Id}.{context.Attempt}:{Guid.NewGuid().ToString("N")[..6]}";
        await sender.DrainAsync(worker, cancellationToken);
    }
}
