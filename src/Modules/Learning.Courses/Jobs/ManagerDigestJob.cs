using Learning.Courses.Services;
using Learning.Data;
using Learning.Data.Jobs;
using Microsoft.Extensions.Logging;

namespace Learning.Courses.Jobs;

/// <summary>
/// The weekly manager digest, a recurring job (Monday 07:00 in Vietnam, once across all nodes). The digests of an occurrence
/// are written in the fenced completion of its job, together with the job's success: a crash or a retry before it wrote none,
/// and nothing can write them twice; an occurrence that catches up after downtime is one digest, as of now.
/// </summary>
internal sealed class ManagerDigestJob(LearningDbContext db, ManagerDigest digest, ILogger<ManagerDigestJob> logger) : IJobHandler
{
    public const string JobKind = "courses.manager-digest";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var sent = 0;
        await context.CompleteAsync(db, async ct =>
        {
            sent = await digest.AddAsync(ct);
            return sent;
        }, cancellationToken);
        logger.LogInformation("Manager digest: {Count} manager(s) notified", sent);
    }
}
