using Learning.Notifications.Data;
using Learning.Notifications.Services.Dispatch;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Jobs;

/// <summary>The daily digest, every day at 07:00 Vietnam time.</summary>
internal sealed class DailyDigestJob(DigestSender digests, TimeProvider clock, ILogger<DailyDigestJob> logger) : DigestJob(digests, clock, logger)
{
    public const string JobKind = "notifications.digest.daily";

    public const string Schedule = "0 7 * * *";

    public override string Kind => JobKind;

    protected override Cadence Cadence => Cadence.Daily;
}
