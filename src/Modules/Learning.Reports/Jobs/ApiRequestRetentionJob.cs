using Learning.Data;
using Learning.Data.Jobs;
using Learning.Reports.Services.Xapi;
using Microsoft.Extensions.Logging;

namespace Learning.Reports.Jobs;

/// <summary>Nightly (02:50 Vietnam time): API requests older than <c>Learning:Reports:Api:LogDays</c> leave the clients' logs.</summary>
public sealed class ApiRequestRetentionJob(ApiRequestLog log, LearningDbContext db, ILogger<ApiRequestRetentionJob> logger) : IJobHandler
{
    public const string JobKind = "reports.api-log-retention";

    public const string Schedule = "50 2 * * *";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var deleted = await log.DeleteExpiredAsync(db, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} API request(s) past their keeping time", deleted);
        }
    }
}
