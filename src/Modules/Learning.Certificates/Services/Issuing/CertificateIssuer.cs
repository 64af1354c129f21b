using System.Security.Claims;
using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;
using Learning.Courses;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Services.Issuing;

/// <summary>What an issue job did.</summary>
public enum IssueOutcome
{
    Issued,
    AlreadyIssued,
    NotCompleted,
    NothingToReissue,
}

/// <summary>
/// Issues, reissues and revokes. Issuing renders and signs outside any transaction (the slow part), then writes the
/// certificate, its file, the superseding of the old one and the notification in the job's fenced completion, so a retried or
/// raced job cannot leave two current certificates (the unique index on <see cref="Certificate.CurrentKey"/> refuses the
/// second) nor a certificate without its notification.
/// </summary>
public sealed class CertificateIssuer(
    LearningDbContext db,
    ICompletionRecords completions,
    IEnumerable<IQuizScoreRows> quizScores,
    ICadreDirectory cadres,
    ICertificatePdf pdf,
    INotifier notifier,
    ILearningEvents events,
    IAuditTrail audit,
    IJobQueue queue,
    IOptions<IssuingOptions> options,
    IOptions<PublicAddressOptions> address,
    TimeProvider clock,
    ILogger<CertificateIssuer> logger)
{
    public const string JobKind = "certificates.issue";

    public Task<long> QueueAsync(IssueRequest request, CancellationToken cancellationToken = default) =>
        queue.EnqueueAsync(JobKind, request, maxAttempts: 8, createdBy: request.By, cancellationToken: cancellationToken);

    public async Task<IssueOutcome> IssueAsync(IssueRequest request, JobContext job, CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(request, cancellationToken);
        if (draft.Outcome is not null)
        {
            return draft.Outcome.Value;
        }

        var certificate = draft.Certificate!;
        var signed = await pdf.RenderAsync(new CertificateFacts(
            certificate.Serial, certificate.HolderName, certificate.Position, certificate.UnitName, certificate.Title, certificate.Hours,
            certificate.CompletedUtc, certificate.ScorePercent, certificate.IssuedUtc, certificate.ExpiresUtc, certificate.CourseId, certificate.PathId),
            cancellationToken);
        certificate.Sha256Hex = signed.Sha256Hex.ToLowerInvariant();
        certificate.SignerThumbprint = signed.SignerThumbprint.ToUpperInvariant();
        certificate.TestSigner = signed.TestSigner;
        certificate.TemplateId = signed.TemplateId;
        certificate.TemplateRevision = signed.TemplateRevision;

        try
        {
            await job.CompleteAsync(db, async ct =>
            {
                if (request.Reissue is { } old)
                {
                    // Conditional: of two reissues of one certificate, only the first supersedes it.
                    var superseded = await db.Set<Certificate>()
                        .Where(c => c.Serial == old && c.CurrentKey == certificate.CurrentKey && c.State == CertificateState.Valid)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(c => c.State, CertificateState.Superseded)
                            .SetProperty(c => c.CurrentKey, (string?)null)
                            .SetProperty(c => c.SupersededBySerial, certificate.Serial), ct);
                    if (superseded != 1)
                    {
                        throw new ReissueLostException();
                    }
                }

                db.Add(certificate);
                await db.SaveChangesAsync(ct);
                db.Add(new CertificateFile { CertificateId = certificate.Id, Pdf = signed.Pdf });
                notifier.Notify(new Notice(certificate.UserId, NoticeTypes.CertificateIssued, new
                {
                    Certificate = new { certificate.Title, Url = address.Value.Absolute("/verify/" + certificate.Serial), Code = certificate.Serial },
                })
                {
                    Link = "/Certificates",
                    Attachments = [new NoticeAttachment(FileName(certificate.Serial), "application/pdf", signed.Pdf)],
                });
                await events.RecordAsync(new LearningEvent(LearningVerbs.Earned, certificate.UserId, LearningActivityTypes.Certificate, certificate.Serial, certificate.Title)
                {
                    CourseId = certificate.CourseId,
                    TimestampUtc = certificate.IssuedUtc,
                    ActorOrgPath = certificate.OrgPath,
                    ActorUnitName = certificate.UnitName,
                }, ct);
                if (request.Reissue is not null)
                {
                    audit.Record("certificates.reissued", certificate.Serial, $"{request.Reissue} → {certificate.Serial}", null);
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is ReissueLostException || (ex is DbUpdateException && !Transactions.IsTransient(ex)))
        {
            // Another job issued this certificate (or reissued it) first: this one records nothing but its own success.
            db.ChangeTracker.Clear();
            if (ex is DbUpdateException && !await db.Set<Certificate>().AnyAsync(c => c.CurrentKey == certificate.CurrentKey, cancellationToken))
            {
                throw; // not the race (a serial drawn twice): the job runs again with a new serial
            }

            logger.LogInformation("Certificate for {Subject} of {User} was already issued by another job", certificate.Subject, certificate.UserId);
            await job.CompleteAsync(db, _ => Task.CompletedTask, cancellationToken);
            return IssueOutcome.AlreadyIssued;
        }

        logger.LogInformation("Issued certificate {Serial} for {Subject} to {User}", certificate.Serial, certificate.Subject, certificate.UserId);
        return IssueOutcome.Issued;
    }

    /// <summary>
    /// The score a certificate prints: the learner's best graded attempt (percent of the maximum) of the quiz in the last of
    /// <paramref name="courseIds"/> (in order) where they have one: a course's own quiz, or a path's final quiz. Null without a
    /// graded attempt, or when the quizzes module is not installed.
    /// </summary>
    private async Task<double?> BestScoreAsync(string userId, IReadOnlyList<int> courseIds, CancellationToken cancellationToken)
    {
        if (courseIds.Count == 0 || quizScores.FirstOrDefault() is not { } scores)
        {
            return null;
        }

        var ids = courseIds.ToList();
        var best = await scores.GradedAttempts(db)
            .Where(a => a.UserId == userId && ids.Contains(a.CourseId))
            .GroupBy(a => a.CourseId)
            .Select(g => new { CourseId = g.Key, Best = g.Max(a => a.BestPercent) })
            .ToListAsync(cancellationToken);
        var last = best.OrderByDescending(b => ids.LastIndexOf(b.CourseId)).FirstOrDefault();
        return last is null ? null : Math.Round(last.Best, 2);
    }

    public static string FileName(string serial) => $"chung-nhan-{serial}.pdf";

    private sealed record Draft(IssueOutcome? Outcome, Certificate? Certificate);

    private async Task<Draft> DraftAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Certificate certificate;
        if (request.Reissue is { } serial)
        {
            var old = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Serial == serial, cancellationToken);
            if (old is null || old.State != CertificateState.Valid || old.CurrentKey is null)
            {
                return new(IssueOutcome.NothingToReissue, null);
            }

            certificate = new Certificate
            {
                UserId = old.UserId,
                CourseId = old.CourseId,
                PathId = old.PathId,
                CourseVersion = old.CourseVersion,
                Subject = old.Subject,
                CurrentKey = old.CurrentKey,
                Title = old.Title,
                Hours = old.Hours,
                CompletedUtc = old.CompletedUtc,
                // A certificate issued before scores were printed gets its score at its reissue.
                ScorePercent = old.ScorePercent
                    ?? (old.CourseId is { } c ? await BestScoreAsync(old.UserId, [c], cancellationToken)
                    : old.PathId is { } p && await completions.CompletedPathAsync(old.UserId, p, cancellationToken) is { } completedPath
                        ? await BestScoreAsync(old.UserId, completedPath.CourseIds, cancellationToken) : null),
                SupersedesSerial = old.Serial,
            };
        }
        else if (request.CourseId is { } courseId)
        {
            var course = await completions.CompletedCourseAsync(request.UserId, courseId, cancellationToken);
            if (course is null)
            {
                return new(IssueOutcome.NotCompleted, null);
            }

            var subject = CertificateSubject.Of(courseId, null, course.Version);
            certificate = new Certificate
            {
                UserId = request.UserId,
                CourseId = courseId,
                CourseVersion = course.Version,
                Subject = subject,
                Title = course.Title,
                Hours = course.Hours > 0 ? (double)course.Hours : null,
                CompletedUtc = course.CompletedUtc,
                ScorePercent = await BestScoreAsync(request.UserId, [courseId], cancellationToken),
            };
        }
        else if (request.PathId is { } pathId)
        {
            var path = await completions.CompletedPathAsync(request.UserId, pathId, cancellationToken);
            if (path is null)
            {
                return new(IssueOutcome.NotCompleted, null);
            }

            certificate = new Certificate
            {
                UserId = request.UserId,
                PathId = pathId,
                Subject = CertificateSubject.Of(null, pathId, 0),
                Title = path.Title,
                Hours = path.Hours > 0 ? (double)path.Hours : null,
                CompletedUtc = path.CompletedUtc,
                ScorePercent = await BestScoreAsync(request.UserId, path.CourseIds, cancellationToken),
            };
        }
        else
        {
            throw new PermanentJobException("An issue request names neither a course nor a path.");
        }

        certificate.CurrentKey ??= CertificateSubject.CurrentKey(certificate.UserId, certificate.Subject);
        if (request.Reissue is null && await db.Set<Certificate>().AnyAsync(c => c.CurrentKey == certificate.CurrentKey, cancellationToken))
        {
            return new(IssueOutcome.AlreadyIssued, null);
        }

        var cadre = await cadres.FindByUserAsync(certificate.UserId, cancellationToken);
        var name = cadre?.FullName
            ?? await db.Users.Where(u => u.Id == certificate.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            ?? throw new PermanentJobException($"No account {certificate.UserId}.");
        certificate.HolderName = name;
        certificate.HolderNameFolded = SearchText.Fold(name);
        certificate.Position = string.IsNullOrWhiteSpace(cadre?.Position) ? null : cadre.Position;
        certificate.UnitName = string.IsNullOrWhiteSpace(cadre?.UnitName) ? null : cadre.UnitName;
        certificate.OrgPath = cadre?.OrgPath;
        certificate.IssuedUtc = now;
        certificate.ExpiresUtc = options.Value.ValidMonths is { } months ? now.AddMonths(months) : null;
        certificate.State = CertificateState.Valid;
        certificate.IssuedBy = request.By;
        certificate.Serial = CertificateSerial.New(LocalTime.ToLocal(now).Year);
        return new(null, certificate);
    }

    /// <summary>Revokes a valid (or superseded) certificate with a reason, audited. False when it was already revoked.</summary>
    public async Task<bool> RevokeAsync(long id, string reason, ClaimsPrincipal by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = by.RequiredUserId();
        return await db.InTransactionAsync(async ct =>
        {
            var changed = await db.Set<Certificate>().Where(c => c.Id == id && c.State != CertificateState.Revoked)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.State, CertificateState.Revoked)
                    .SetProperty(c => c.RevokedUtc, now)
                    .SetProperty(c => c.RevokedBy, userId)
                    .SetProperty(c => c.RevokedReason, reason), ct);
            if (changed == 1)
            {
                var serial = await db.Set<Certificate>().Where(c => c.Id == id).Select(c => c.Serial).SingleAsync(ct);
                audit.Record("certificates.revoked", serial, reason, by);
                await db.SaveChangesAsync(ct);
            }

            return changed == 1;
        }, cancellationToken);
    }

    /// <summary>Queues the reissue of a valid certificate (new name, new template); audited when it is queued and when it is done.</summary>
    public async Task<long> RequestReissueAsync(Certificate certificate, ClaimsPrincipal by, CancellationToken cancellationToken)
    {
        audit.Record("certificates.reissue_requested", certificate.Serial, null, by);
        return await QueueAsync(new IssueRequest(certificate.UserId, certificate.CourseId, certificate.PathId, certificate.Serial, by.RequiredUserId()), cancellationToken);
    }

    private sealed class ReissueLostException : Exception;
}
