namespace Learning.Courses;

/// <summary>
/// One cadre's digital-signature readiness with its dates, as the certificates module computes it. <see cref="State"/> is one of
/// NotStarted, InTraining, Ready, Requested, Issued, Expiring, Expired (funnel order). <see cref="ChangedUtc"/> is the latest
/// moment anything the state is computed from changed: the signature record, the province's requirement, an enrolment in or a
/// completion of a required course, and the instants an issued signature became expiring or expired (when already past).
/// <see cref="OrgPath"/> is where the cadre is in the tree, so a breakdown by unit needs no second read of the cadres.
/// </summary>
public sealed record CadreReadinessFact(
    int CadreId,
    string State,
    int RequiredCount,
    int CompletedCount,
    DateTime? TrainingStartedUtc,
    DateTime? ReadyUtc,
    DateTime? RequestedUtc,
    DateTime? ReturnedUtc,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    DateTime? IssuedRecordedUtc,
    DateTime? ChangedUtc,
    string OrgPath);

/// <summary>
/// Readiness of every cadre inside a scope (implemented by the certificates module) for reports and the data API. The scope is
/// given as <c>OrgScope</c> spells it (abstractions do not reference each other): everything, or the subtrees under these paths.
/// </summary>
public interface ICadreReadinessRows
{
    /// <summary>Ordered by cadre id.</summary>
    Task<IReadOnlyList<CadreReadinessFact>> ListAsync(bool unrestricted, IReadOnlyList<string> scopePaths, CancellationToken cancellationToken = default);

    /// <summary>One cadre's readiness (the caller has checked the cadre is in its reader's scope); null for an unknown cadre.</summary>
    Task<CadreReadinessFact?> FindAsync(int cadreId, CancellationToken cancellationToken = default);

    /// <summary>The certificates issued to an account, newest first.</summary>
    Task<IReadOnlyList<CadreCertificateFact>> CertificatesAsync(string userId, CancellationToken cancellationToken = default);
}

/// <summary>
/// One certificate issued to a cadre, as the certificates module stores it. <see cref="State"/> is Valid, Revoked or
/// Superseded; <see cref="Expired"/> follows from its expiry date at the time of reading.
/// </summary>
public sealed record CadreCertificateFact(string Serial, string Title, DateTime IssuedUtc, DateTime? ExpiresUtc, string State, bool Expired);

/// <summary>What a learner watched of one video (implemented by the media module), composable into one query as
/// <see cref="ICourseReportRows"/>: <see cref="VideoPublicId"/> is what a video lesson's <see cref="LessonRow.Reference"/> holds.</summary>
public sealed class VideoWatchRow
{
    public string UserId { get; init; } = "";

    public string VideoPublicId { get; init; } = "";

    public int WatchedSeconds { get; init; }

    public double DurationSeconds { get; init; }

    public DateTime? CompletedUtc { get; init; }

    public DateTime UpdatedUtc { get; init; }
}

public sealed class VideoRow
{
    public string PublicId { get; init; } = "";

    public string Title { get; init; } = "";

    public double DurationSeconds { get; init; }
}

public interface IVideoWatchRows
{
    IQueryable<VideoWatchRow> Watches(object context);

    IQueryable<VideoRow> Videos(object context);
}
