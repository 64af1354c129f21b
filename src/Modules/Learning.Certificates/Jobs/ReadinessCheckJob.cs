using Learning.Certificates.Services.Readiness;
using Learning.Data;
using Learning.Data.Jobs;

namespace Learning.Certificates.Jobs;

/// <summary>After a completion of a required course: tells the cadre if they became ready, in the job's fenced completion.</summary>
public sealed class ReadinessCheckJob(LearningDbContext db, ReadinessNotices notices) : IJobHandler
{
    public const string JobKind = "certificates.readiness-check";

    public sealed record Payload(string UserId);

    public string Kind => JobKind;

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        context.CompleteAsync(db, ct => notices.CheckUserAsync(context.PayloadAs<Payload>().UserId, ct), cancellationToken);
}
