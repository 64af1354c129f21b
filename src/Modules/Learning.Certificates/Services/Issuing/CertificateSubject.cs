namespace Learning.Certificates.Services.Issuing;

/// <summary>What a certificate is for: a course at a published version, or a learning path.</summary>
public sealed record CertificateSubject(int? CourseId, int? PathId)
{
    public static string Of(int? courseId, int? pathId, int courseVersion) =>
        courseId is { } c ? $"course/{c}/v{courseVersion}" : $"path/{pathId}";

    /// <summary>The value of the unique index: one current certificate per user and subject.</summary>
    public static string CurrentKey(string userId, string subject) => userId + "|" + subject;
}

/// <summary>The payload of <see cref="Jobs.IssueCertificateJob"/>. <see cref="Reissue"/> names the certificate a reissue replaces.</summary>
public sealed record IssueRequest(string UserId, int? CourseId, int? PathId, string? Reissue = null, string? By = null);
