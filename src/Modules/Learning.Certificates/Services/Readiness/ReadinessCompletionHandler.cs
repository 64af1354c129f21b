using Learning.Certificates.Jobs;
using Learning.Courses;
using Learning.Data.Jobs;

namespace Learning.Certificates.Services.Readiness;

/// <summary>A completed course that some province requires queues a readiness check for the learner (the job tells them once).</summary>
internal sealed class ReadinessCompletionHandler(ReadinessBoard board, IJobQueue jobs) : ICourseCompletionHandler
{
    public async Task OnCourseCompletedAsync(CourseCompleted completed, CancellationToken cancellationToken)
    {
        var requirements = await board.RequirementsAsync(cancellationToken);
        if (requirements.Values.Any(r => r.CourseIds.Contains(completed.CourseId)))
        {
            await jobs.EnqueueAsync(ReadinessCheckJob.JobKind, new ReadinessCheckJob.Payload(completed.UserId), cancellationToken: cancellationToken);
        }
    }
}
