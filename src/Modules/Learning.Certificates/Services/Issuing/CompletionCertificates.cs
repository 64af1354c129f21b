using Learning.Courses;

namespace Learning.Certificates.Services.Issuing;

/// <summary>A completion queues its certificate's job. Called after the completion commits; called twice, it queues twice, and the job issues once.</summary>
internal sealed class CompletionCertificates(CertificateIssuer issuer) : ICourseCompletionHandler
{
    public Task OnCourseCompletedAsync(CourseCompleted completed, CancellationToken cancellationToken) =>
        issuer.QueueAsync(new IssueRequest(completed.UserId, completed.CourseId, null), cancellationToken);

    public Task OnLearningPathCompletedAsync(LearningPathCompleted completed, CancellationToken cancellationToken) =>
        issuer.QueueAsync(new IssueRequest(completed.UserId, null, completed.PathId), cancellationToken);
}
