using Learning.Certificates.Services.Readiness;
using Learning.Data;
using Learning.Data.Jobs;
using Microsoft.Extensions.Logging;

namespace Learning.Certificates.Jobs;

/// <summary>Monday 07:00 in Vietnam: each manager's readiness digest, written in the job's fenced completion (never twice).</summary>
public sealed class ReadinessDigestJob(LearningDbContext db, ReadinessNotices notices, ILogger<ReadinessDigestJob> logger) : IJobHandler
{
    public const string JobKind = "certificates.readiness-digest";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var sent = 0;
        await context.CompleteAsync(db, async ct => sent = await notices.AddDigestsAsync(ct), cancellationToken);
        logger.LogInformation("Readiness digest: {Count} manager(s) notified", sent);
    }
}
