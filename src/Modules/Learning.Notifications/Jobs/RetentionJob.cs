using Learning.Data.Jobs;
using Learning.Notifications.Services;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Jobs;

/// <summary>Nightly (02:30 Vietnam time): notifications and sent messages past their keeping time go (<see cref="NotificationRetention"/>).</summary>
internal sealed class RetentionJob(NotificationRetention retention, ILogger<RetentionJob> logger) : IJobHandler
{
    public const string JobKind = "notifications.retention";

    public const string Schedule = "30 2 * * *";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var deleted = await retention.DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} notification(s) past their keeping time", deleted);
        }

        var messages = await retention.DeleteSentMessagesAsync(cancellationToken);
        if (messages > 0)
        {
            logger.LogInformation("Deleted {Count} sent message(s) past their keeping time", messages);
        }
    }
}
