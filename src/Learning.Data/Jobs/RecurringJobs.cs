using Cronos;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learning.Data.Jobs;

/// <summary>When a recurring job is due: every fixed interval, or a cron expression read in Vietnam's time (Asia/Ho_Chi_Minh).</summary>
public sealed class RecurringSchedule
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private readonly CronExpression? cron;
    private readonly TimeSpan interval;

    private RecurringSchedule(string text, CronExpression? cron, TimeSpan interval)
    {
        (Text, this.cron, this.interval) = (text, cron, interval);
    }

    /// <summary>As stored: the cron expression, or "every 00:10:00".</summary>
    public string Text { get; }

    /// <summary>The fixed interval, or null for a cron schedule.</summary>
    public TimeSpan? Interval => cron is null ? interval : null;

    public static RecurringSchedule Every(TimeSpan interval) =>
        interval >= TimeSpan.FromSeconds(1)
            ? new($"every {interval:c}", null, interval)
            : throw new ArgumentOutOfRangeException(nameof(interval), "A recurring interval is at least one second.");

    /// <summary>A five-field cron expression (minute hour day month weekday), in Vietnam's time. A malformed one throws at once.</summary>
    public static RecurringSchedule Cron(string expression)
    {
        try
        {
            return new(expression, CronExpression.Parse(expression), TimeSpan.Zero);
        }
        catch (CronFormatException ex)
        {
            throw new ArgumentException($"Not a cron expression: '{expression}' ({ex.Message})", nameof(expression), ex);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>.</summary>
    public DateTime NextAfter(DateTime afterUtc)
    {
        afterUtc = DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc);
        return cron is null
            ? afterUtc + interval
            : cron.GetNextOccurrence(afterUtc, Vietnam) ?? DateTime.MaxValue;
    }

    /// <summary>
    /// The last occurrence at or before <paramref name="nowUtc"/>, starting from <paramref name="dueUtc"/> (which is), and how many
    /// occurrences before it were passed over on the way (missed during downtime).
    /// </summary>
    public (DateTime Latest, int Missed) CatchUp(DateTime dueUtc, DateTime nowUtc)
    {
        if (cron is null)
        {
            var periods = Math.Max(0, (nowUtc - dueUtc).Ticks / interval.Ticks);
            return (dueUtc + TimeSpan.FromTicks(interval.Ticks * periods), (int)Math.Min(periods, int.MaxValue));
        }

        var latest = dueUtc;
        var missed = 0;
        for (; missed < 100_000; missed++) // a year of minutely occurrences, then give up counting
        {
            var next = NextAfter(latest);
            if (next > nowUtc)
            {
                break;
            }

            latest = next;
        }

        return (latest, missed);
    }
}

/// <summary>A module's recurring work: the job <see cref="JobKind"/> is queued once per occurrence, across all nodes.</summary>
public sealed record RecurringJobDefinition(string Name, string JobKind, RecurringSchedule Schedule, int MaxAttempts = 3);

/// <summary>
/// The payload of a recurring job's occurrence: the span it covers, from the previous occurrence it stands for to this one. After
/// downtime a single occurrence covers the whole gap (<see cref="Missed"/> says how many were folded into it), so a digest sent
/// after an outage covers everything since the last one.
/// </summary>
public sealed record RecurringOccurrence(string Name, DateTime FromUtc, DateTime ToUtc, int Missed);

/// <summary>A recurring job's state, shared by every node: the compare-and-set on <see cref="NextDueUtc"/> is what makes an occurrence run once.</summary>
public sealed class RecurringJobRow
{
    public string Name { get; set; } = "";

    public string Schedule { get; set; } = "";

    public DateTime NextDueUtc { get; set; }

    public DateTime? LastDueUtc { get; set; }

    public long? LastJobId { get; set; }

    public DateTime? LastQueuedUtc { get; set; }
}

internal sealed class RecurringJobRowConfiguration : IEntityTypeConfiguration<RecurringJobRow>
{
    public void Configure(EntityTypeBuilder<RecurringJobRow> builder)
    {
        builder.ToTable("core_recurring_job");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Schedule).HasMaxLength(100);
    }
}

public static class RecurringJobServiceCollectionExtensions
{
    /// <summary>Declares recurring work from a module's Startup; its handler is the <see cref="IJobHandler"/> of <paramref name="jobKind"/>.</summary>
    public static IServiceCollection AddRecurringJob(this IServiceCollection services, string name, string jobKind, RecurringSchedule schedule, int maxAttempts = 3) =>
        services.AddSingleton(new RecurringJobDefinition(name, jobKind, schedule, maxAttempts));
}

/// <summary>
/// Queues the occurrences that are due. Every node's worker calls it on each poll; an occurrence is taken by a compare-and-set
/// on the row's next due time, in the same transaction that queues its job, so two nodes never both queue it. An occurrence
/// whose previous job is still queued or running waits for it (no overlap), and then covers the time since.
/// </summary>
public sealed class RecurringScheduler(IEnumerable<RecurringJobDefinition> definitions, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RecurringScheduler> logger)
{
    public IReadOnlyList<RecurringJobDefinition> Definitions { get; } = definitions.ToList();

    /// <summary>Queues what is due now. Returns the ids of the jobs queued.</summary>
    public async Task<IReadOnlyList<long>> QueueDueAsync(CancellationToken cancellationToken)
    {
        var queued = new List<long>();
        if (Definitions.Count == 0)
        {
            return queued;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<RecurringJobRow>().AsNoTracking().ToDictionaryAsync(r => r.Name, cancellationToken);
        foreach (var definition in Definitions)
        {
            if (!rows.TryGetValue(definition.Name, out var row))
            {
                await RegisterAsync(db, definition, now, cancellationToken);
                continue;
            }

            if (row.NextDueUtc > now)
            {
                continue;
            }

            if (row.LastJobId is { } last && await db.Set<JobRecord>().AnyAsync(j => j.Id == last && (j.State == JobState.Queued || j.State == JobState.Running), cancellationToken))
            {
                continue; // the previous occurrence is still at work: this one waits, then covers the time since
            }

            if (await TryQueueAsync(db, definition, row, now, cancellationToken) is { } id)
            {
                queued.Add(id);
            }
        }

        return queued;
    }

    /// <summary>Queues the job's next occurrence at once (the operations page's "run now"), covering the time since the last.</summary>
    public async Task<long?> RunNowAsync(string name, CancellationToken cancellationToken)
    {
        var definition = Definitions.FirstOrDefault(d => d.Name == name);
        if (definition is null)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<RecurringJobRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken)
            ?? await RegisterAsync(db, definition, now, cancellationToken);
        return await TryQueueAsync(db, definition, row, now, cancellationToken, force: true);
    }

    private async Task<RecurringJobRow> RegisterAsync(LearningDbContext db, RecurringJobDefinition definition, DateTime now, CancellationToken cancellationToken)
    {
        // First sight of this job: intervals start now, cron schedules at their next occurrence. Two nodes registering at once:
        // the primary key lets one in; the other reads the row at its next poll.
        var row = new RecurringJobRow { Name = definition.Name, Schedule = definition.Schedule.Text, NextDueUtc = IsInterval(definition) ? now : definition.Schedule.NextAfter(now) };
        try
        {
            db.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        return row;
    }

    private async Task<long?> TryQueueAsync(LearningDbContext db, RecurringJobDefinition definition, RecurringJobRow row, DateTime now, CancellationToken cancellationToken, bool force = false)
    {
        var due = row.NextDueUtc;
        var (covers, missed) = force ? (now, 0) : definition.Schedule.CatchUp(due, now);
        var next = definition.Schedule.NextAfter(force ? now : covers);
        var from = row.LastDueUtc ?? (IsInterval(definition) ? due : covers);
        var jobs = new JobQueue(db, clock);
        var id = await db.InTransactionAsync(async ct =>
        {
            // Compare-and-set on the due time this node read: the one node whose update matches queues the occurrence.
            var taken = await db.Set<RecurringJobRow>().Where(r => r.Name == definition.Name && r.NextDueUtc == due)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextDueUtc, next).SetProperty(r => r.LastDueUtc, covers).SetProperty(r => r.LastQueuedUtc, now), ct);
            if (taken == 0)
            {
                return (long?)null;
            }

            var jobId = await jobs.EnqueueAsync(definition.JobKind, new RecurringOccurrence(definition.Name, from, covers, missed), definition.MaxAttempts, cancellationToken: ct);
            await db.Set<RecurringJobRow>().Where(r => r.Name == definition.Name).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastJobId, jobId), ct);
            return jobId;
        }, cancellationToken);
        if (id is not null)
        {
            logger.LogInformation("Recurring job {Name}: occurrence {Due:u} queued as job {Id}{Missed}", definition.Name, covers, id, missed > 0 ? $" (covering {missed} missed)" : "");
        }

        return id;
    }

    private static bool IsInterval(RecurringJobDefinition definition) => definition.Schedule.Interval is not null;
}
