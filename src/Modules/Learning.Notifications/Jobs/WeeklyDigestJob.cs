using Learning.Notifications.Data;
using Learning.Notifications.Services.Dispatch;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Jobs;

/// <summary>The weekly digest, on Mondays at 07:00 Vietnam time.</summary>
internal sealed class WeeklyDigestJob(DigestSender digests, TimeProvider clock, ILogger<WeeklyDigestJob> logger) : DigestJob(digests, clock, logger)
{
    public const string JobKind = "notifications.digest.weekly";

    public const string Schedule = "0 7 * * 1";

    public override string Kind => JobKind;

    protected override Cadence Cadence => Cadence.Weekly;
}
