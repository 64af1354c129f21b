using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Pages.Admin;

/// <summary>
/// The operations page: background jobs by state and kind (attempts, progress, last error, times), retry and cancel; the
/// recurring jobs with their schedule, last and next run, and "run now". Every action is in the audit trail.
/// </summary>
[RequirePermission(AdminPermissions.Names.ManageJobs)]
public sealed class JobsModel(LearningDbContext db, IJobQueue jobs, RecurringScheduler recurring, IAuditTrail audit, IStringLocalizer<WebStrings> t) : PageModel
{
    private const int PageSize = 100;

    public sealed record RecurringRow(string Name, RecurringSchedule Schedule, DateTime? NextDueUtc, DateTime? LastQueuedUtc, JobState? LastState, long? LastJobId);

    [BindProperty(SupportsGet = true)]
    public JobState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<JobRecord> Items { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public IReadOnlyDictionary<JobState, int> Counts { get; private set; } = new Dictionary<JobState, int>();

    public IReadOnlyList<RecurringRow> Recurring { get; private set; } = [];

    public bool HasMore { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Set<JobRecord>().AsNoTracking();
        if (State is { } state)
        {
            query = query.Where(j => j.State == state);
        }

        if (!string.IsNullOrWhiteSpace(Kind))
        {
            query = query.Where(j => j.Kind == Kind);
        }

        if (Before is { } before)
        {
            query = query.Where(j => j.Id < before);
        }

        // Never the payload (an import's rows): only what the table shows.
        var items = await query.OrderByDescending(j => j.Id).Take(PageSize + 1)
            .Select(j => new JobRecord
            {
                Id = j.Id, Kind = j.Kind, State = j.State, Attempts = j.Attempts, MaxAttempts = j.MaxAttempts, Progress = j.Progress, Error = j.Error,
                CreatedUtc = j.CreatedUtc, StartedUtc = j.StartedUtc, FinishedUtc = j.FinishedUtc, RunAfterUtc = j.RunAfterUtc, LockedBy = j.LockedBy,
            })
            .ToListAsync(cancellationToken);
        HasMore = items.Count > PageSize;
        Items = items.Take(PageSize).ToList();
        Kinds = await db.Set<JobRecord>().Select(j => j.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        Counts = await jobs.CountByStateAsync(cancellationToken);

        var rows = await db.Set<RecurringJobRow>().AsNoTracking().ToDictionaryAsync(r => r.Name, cancellationToken);
        var lastIds = rows.Values.Where(r => r.LastJobId != null).Select(r => r.LastJobId!.Value).ToList();
        var lastStates = await db.Set<JobRecord>().Where(j => lastIds.Contains(j.Id)).Select(j => new { j.Id, j.State }).ToDictionaryAsync(j => j.Id, j => j.State, cancellationToken);
        Recurring = recurring.Definitions.Select(d => rows.TryGetValue(d.Name, out var r)
                ? new RecurringRow(d.Name, d.Schedule, r.NextDueUtc, r.LastQueuedUtc, r.LastJobId is { } id && lastStates.TryGetValue(id, out var s) ? s : null, r.LastJobId)
                : new RecurringRow(d.Name, d.Schedule, null, null, null, null))
            .ToList();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var done = await jobs.RetryAsync(id, cancellationToken);
        return await AfterAsync(done, "jobs.retried", id.ToString(System.Globalization.CultureInfo.InvariantCulture), t["Jobs.Retried", id], cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken cancellationToken)
    {
        var done = await jobs.CancelAsync(id, cancellationToken);
        return await AfterAsync(done, "jobs.cancelled", id.ToString(System.Globalization.CultureInfo.InvariantCulture), t["Jobs.Cancelled", id], cancellationToken);
    }

    public async Task<IActionResult> OnPostRunNowAsync(string name, CancellationToken cancellationToken)
    {
        var id = await recurring.RunNowAsync(name, cancellationToken);
        return await AfterAsync(id is not null, "jobs.recurring.run_now", name, t["Jobs.Queued", name, id ?? 0], cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(bool done, string action, string subject, string message, CancellationToken cancellationToken)
    {
        if (!done)
        {
            return NotFound();
        }

        audit.Record(action, subject, actor: User);
        await db.SaveChangesAsync(cancellationToken);
        Message = message;
        return RedirectToPage(new { State, Kind });
    }

    public string StateLabel(JobState state) => t["Jobs.State." + state];

    /// <summary>"mỗi 10 phút", "mỗi 1 giờ", or the cron expression with the time zone it is read in.</summary>
    public string ScheduleText(RecurringSchedule schedule) => schedule.Interval switch
    {
        { } i when i.TotalHours >= 1 && i.TotalHours == Math.Floor(i.TotalHours) => t["Jobs.EveryHours", (int)i.TotalHours],
        { } i when i.TotalMinutes >= 1 && i.TotalMinutes == Math.Floor(i.TotalMinutes) => t["Jobs.EveryMinutes", (int)i.TotalMinutes],
        { } i => t["Jobs.EverySeconds", (int)Math.Ceiling(i.TotalSeconds)],
        null => t["Jobs.Cron", schedule.Text],
    };
}
