using Learning.Data.Jobs;
using Learning.Reports.Services.Exports;

namespace Learning.Reports.Jobs;

/// <summary>Every morning at 06:00 in Vietnam: the subscribed reports whose week or month is not yet served (see <see cref="ReportDelivery"/>).</summary>
public sealed class ReportDeliveryJob(ReportDelivery delivery) : IJobHandler
{
    public const string JobKind = "reports.deliver-subscriptions";

    public const string RecurringName = "reports.subscriptions";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken) => await delivery.DeliverDueAsync(cancellationToken);
}
