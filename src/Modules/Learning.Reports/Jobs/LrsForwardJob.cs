using Learning.Data.Jobs;
using Learning.Reports.Services.Xapi;

namespace Learning.Reports.Jobs;

/// <summary>Every <c>Learning:Reports:Lrs:IntervalSeconds</c>: the settled statements not yet accepted by the external LRS (see <see cref="StatementForwarder"/>).</summary>
public sealed class LrsForwardJob(StatementForwarder forwarder) : IJobHandler
{
    public const string JobKind = "reports.forward-xapi";

    public const string RecurringName = "reports.forward-xapi";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken) => await forwarder.ForwardAsync(cancellationToken);
}
