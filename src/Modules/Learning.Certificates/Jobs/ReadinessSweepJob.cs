using Learning.Certificates.Services.Readiness;
using Learning.Data;
using Learning.Data.Jobs;
using Microsoft.Extensions.Logging;

namespace Learning.Certificates.Jobs;

/// <summary>Hourly: every ready cadre not yet told is told (a lost completion event, a changed requirement), exactly once.</summary>
public sealed class ReadinessSweepJob(LearningDbContext db, ReadinessNotices notices, ILogger<ReadinessSweepJob> logger) : IJobHandler
{
    public const string JobKind = "certificates.readiness-sweep";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var sent = 0;
        await context.CompleteAsync(db, async ct => sent = await notices.SweepAsync(ct), cancellationToken);
        logger.LogInformation("Readiness sweep: {Count} cadre(s) told they are ready", sent);
    }
}
