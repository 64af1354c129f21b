using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Learning.Certificates.Services.Pdf;

/// <summary><c>/health</c>: degraded while the signer cannot sign (certificates wait, nothing else is affected).</summary>
internal sealed class SignerHealthCheck(ICertificateSigner signer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = signer.Status;
        return Task.FromResult(status.Usable
            ? HealthCheckResult.Healthy((status.IsTestSigner ? "test signer " : "signer ") + status.Subject + (status.HasTimestampAuthority ? ", timestamped" : ""))
            : new HealthCheckResult(context.Registration.FailureStatus, status.Problem));
    }
}
