using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Services.Mail;

/// <summary>
/// Whether the SMTP server answers: connect (with its TLS) and EHLO, then NOOP, within five seconds. The answer is kept for
/// 30 s, so <c>/health</c> polled by a load balancer stays cheap for the mail server and for us; one probe runs at a time.
/// </summary>
public sealed class SmtpProbe(IOptions<SmtpOptions> options, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? last;

    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var result = await ProbeAsync(cancellationToken);
            last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private HealthCheckResult? Fresh() => last is { } l && clock.GetUtcNow() - l.At < Keep ? l.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var where = $"{settings.Host}:{settings.Port}";
        var timeout = TimeSpan.FromSeconds(Math.Min(5, settings.TimeoutSeconds));
        try
        {
            using var client = await MailTransport.ConnectSmtpAsync(settings, timeout, authenticate: false, cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await client.NoOpAsync(limit.Token);
            await client.DisconnectAsync(true, limit.Token);
            return HealthCheckResult.Healthy($"SMTP {where} answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"SMTP {where}: {(ex is OperationCanceledException ? "no answer within " + timeout.TotalSeconds + " s" : ex.GetBaseException().Message)}");
        }
    }
}
