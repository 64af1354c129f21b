using Learning.Certificates.Services.Issuing;
using Learning.Data.Jobs;

namespace Learning.Certificates.Jobs;

/// <summary>
/// Issues one certificate (or reissues one). A signer that cannot be used throws its localized reason: the attempt fails with it,
/// the job is tried again later, and nothing unsigned is stored.
/// </summary>
internal sealed class IssueCertificateJob(CertificateIssuer issuer) : IJobHandler
{
    public string Kind => CertificateIssuer.JobKind;

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) =>
        issuer.IssueAsync(context.PayloadAs<IssueRequest>(), context, cancellationToken);
}
