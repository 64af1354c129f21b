using Learning.Data.Jobs;
using Learning.Reports.Services.Completion;

namespace Learning.Reports.Jobs;

/// <summary>Counts the kept completion report views again before they are too old to show (<see cref="CompletionSnapshots"/>).</summary>
public sealed class ReportSnapshotJob(CompletionSnapshots snapshots) : IJobHandler
{
    public const string JobKind = "reports.refresh-views";

    public const string RecurringName = "reports.views";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken) => await snapshots.RefreshAsync(cancellationToken);
}
