using Learning.Courses.Services;
using Learning.Data.Jobs;
using Microsoft.Extensions.Logging;

namespace Learning.Courses.Jobs;

/// <summary>
/// Due-date reminders, a recurring job (hourly, once across all nodes; after downtime one occurrence catches up). Each page of
/// reminders commits with the marks that make it exactly once (<see cref="DueReminders"/>), so a retry resumes where it stopped.
/// </summary>
internal sealed class DueRemindersJob(DueReminders reminders, ILogger<DueRemindersJob> logger) : IJobHandler
{
    public const string JobKind = "courses.due-reminders";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var sent = await reminders.SendAsync(DueReminders.DefaultPageSize, cancellationToken);
        if (sent.Total > 0)
        {
            logger.LogInformation("Due reminders queued: {Week} due in 7 days, {Day} due tomorrow, {Overdue} overdue", sent.DueIn7Days, sent.DueIn1Day, sent.Overdue);
        }
    }
}
