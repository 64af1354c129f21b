using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Data.Jobs;

/// <summary>
/// Deletes succeeded jobs that finished more than <c>Learning:Jobs:KeepSucceededDays</c> ago, in batches. Without it the table
/// grows by a row per occurrence of every recurring job (the notification sweep alone queues 2,880 a day) and per message,
/// transcode and import. Failed and cancelled jobs stay: they are the operations page's list of what needs a person (a retry,
/// or the video whose transcode they were). So does each recurring job's last run, which the operations page shows (a monthly
/// report's last delivery is older than the keeping time).
/// </summary>
public sealed class JobRetention(LearningDbContext db, TimeProvider clock, IOptions<JobOptions> options)
{
    public const int BatchSize = 5000;

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepSucceededDays);
        var deleted = 0;
        while (true)
        {
            var ids = await db.Set<JobRecord>().AsNoTracking()
                .Where(j => j.State == JobState.Succeeded && j.FinishedUtc < cutoff && !db.Set<RecurringJobRow>().Any(r => r.LastJobId == j.Id))
                .OrderBy(j => j.Id).Select(j => j.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return deleted;
            }

            deleted += await db.Set<JobRecord>().Where(j => ids.Contains(j.Id) && j.State == JobState.Succeeded).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < BatchSize)
            {
                return deleted;
            }
        }
    }
}

/// <summary>Nightly (02:45 Vietnam time): succeeded jobs past their keeping time go (<see cref="JobRetention"/>).</summary>
internal sealed class JobRetentionJob(JobRetention retention, ILogger<JobRetentionJob> logger) : IJobHandler
{
    public const string JobKind = "jobs.retention";

    public const string Schedule = "45 2 * * *";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var deleted = await retention.DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} succeeded job(s) past their keeping time", deleted);
        }
    }
}
