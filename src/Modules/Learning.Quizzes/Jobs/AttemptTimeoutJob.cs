using Learning.Data.Jobs;
using Learning.Quizzes.Services;
using Microsoft.Extensions.Logging;

namespace Learning.Quizzes.Jobs;

/// <summary>
/// Submits attempts whose time ran out while the cadre was gone (a closed phone, a lost connection), with what was saved.
/// Each submission is the same conditional one the cadre's own button makes, so the job and a late click grade once. It also
/// deletes attempts drawn ahead of an opening that nobody started (<see cref="QuizzesOptions.KeepUnstartedDays"/>).
/// </summary>
internal sealed class AttemptTimeoutJob(AttemptService attempts, ILogger<AttemptTimeoutJob> logger) : IJobHandler
{
    public const string JobKind = "quizzes.timeouts";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var submitted = 0;
        while (true)
        {
            var due = await attempts.OverdueAsync(200, cancellationToken);
            foreach (var id in due)
            {
                if (await attempts.SubmitAsync(id, AttemptService.Timer, cancellationToken))
                {
                    submitted++;
                }
            }

            if (due.Count < 200)
            {
                break;
            }
        }

        if (submitted > 0)
        {
            logger.LogInformation("Submitted {Count} attempt(s) whose time ran out", submitted);
        }

        if (await attempts.DiscardUnstartedAsync(cancellationToken) is > 0 and var discarded)
        {
            logger.LogInformation("Deleted {Count} attempt(s) drawn ahead of an opening and never started", discarded);
        }
    }
}
