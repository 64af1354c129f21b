using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Learning.Certificates.Services.Pdf;
using Learning.Courses;
using Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Learning.Data.Jobs;

namespace Learning.Certificates.Jobs;

/// <summary>
/// Finds completions of courses and paths that have no certificate (the process died between the completion and the queueing of
/// its job, or the job gave up while the signer was broken) and queues their issue. The issue job itself refuses duplicates.
/// </summary>
internal sealed class IssueSweepJob(
    LearningDbContext db,
    ICompletionRecords completions,
    CertificateIssuer issuer,
    ICertificateSigner signer,
    TimeProvider clock,
    ILogger<IssueSweepJob> logger) : IJobHandler
{
    public const string JobKind = "certificates.sweep";
    private const int Batch = 500;

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (!signer.Status.Usable)
        {
            logger.LogWarning("Certificate sweep skipped: the signer cannot be used ({Problem})", signer.Status.Problem);
            return;
        }

        // Completions of the last minutes are left to their own jobs.
        var before = clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        var certificates = db.Set<Certificate>();
        var courses = await completions.CourseCompletions()
            .Where(c => c.CompletedUtc < before && !certificates.Any(x => x.UserId == c.UserId && x.CourseId == c.CourseId))
            .OrderBy(c => c.CompletedUtc).Select(c => new { c.UserId, c.CourseId }).Take(Batch).ToListAsync(cancellationToken);
        var paths = await completions.PathCompletions()
            .Where(c => c.CompletedUtc < before && !certificates.Any(x => x.UserId == c.UserId && x.PathId == c.PathId))
            .OrderBy(c => c.CompletedUtc).Select(c => new { c.UserId, c.PathId }).Take(Batch).ToListAsync(cancellationToken);
        foreach (var c in courses)
        {
            await issuer.QueueAsync(new IssueRequest(c.UserId, c.CourseId, null), cancellationToken);
        }

        foreach (var p in paths)
        {
            await issuer.QueueAsync(new IssueRequest(p.UserId, null, p.PathId), cancellationToken);
        }

        if (courses.Count + paths.Count > 0)
        {
            logger.LogWarning("Certificate sweep queued {Courses} course and {Paths} path certificate(s) that had not been issued", courses.Count, paths.Count);
        }
    }
}
