using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Learning.Notifications.Services.Mail;

/// <summary>
/// <c>/health</c>'s "smtp" entry, registered when an SMTP host is configured. Registered as degraded on failure: the site works
/// and the outbox keeps every message while the mail server is away.
/// </summary>
internal sealed class SmtpHealthCheck(SmtpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe.CheckAsync(cancellationToken);
        return result.Status == HealthStatus.Healthy ? result : new HealthCheckResult(context.Registration.FailureStatus, result.Description);
    }
}
