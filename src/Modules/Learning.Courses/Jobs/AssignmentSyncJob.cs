using Learning.Courses.Services;
using Learning.Data.Jobs;
using Microsoft.Extensions.Logging;

namespace Learning.Courses.Jobs;

/// <summary>
/// Cohort sync, a recurring job (every <c>Learning:Courses:AssignmentSyncMinutes</c>, once across all nodes): standing
/// assignments reach cadres who arrived (or got an account) since the last run. Idempotent by the unique (user, course) index.
/// </summary>
internal sealed class AssignmentSyncJob(EnrollmentService enrollments, ILogger<AssignmentSyncJob> logger) : IJobHandler
{
    public const string JobKind = "courses.assignment-sync";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var added = await enrollments.SyncAssignmentsAsync(null, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Assignment sync enrolled {Count} cadre(s)", added);
        }
    }
}
