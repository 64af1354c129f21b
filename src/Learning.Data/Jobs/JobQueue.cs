using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Learning.Data.Jobs;

/// <summary>
/// What a handler gets: its payload, which attempt this is, a way to report progress (0–100), and
/// <see cref="CompleteAsync"/>, which commits the handler's result together with the job's success only while this attempt
/// still holds the lease.
/// </summary>
public sealed class JobContext
{
    private readonly JobFence fence;
    private readonly Func<int, Task> reportProgress;

    internal JobContext(long id, string kind, string payload, int attempt, JobFence fence, Func<int, Task> reportProgress)
    {
        (Id, Kind, Payload, Attempt, this.fence, this.reportProgress) = (id, kind, payload, attempt, fence, reportProgress);
    }

    public long Id { get; }

    public string Kind { get; }

    public string Payload { get; }

    public int Attempt { get; }

    /// <summary>Set once <see cref="CompleteAsync"/> committed: the worker then has nothing left to record.</summary>
    public bool Completed { get; private set; }

    public T PayloadAs<T>() => JsonSerializer.Deserialize<T>(Payload, JsonSerializerOptions.Web)!;

    /// <summary>A job's <see cref="JobRecord.Result"/> read back in the handler's shape.</summary>
    public static T? ResultOf<T>(JobRecord job) => job.Result is null ? default : JsonSerializer.Deserialize<T>(job.Result, JsonSerializerOptions.Web);

    public Task ReportProgressAsync(int percent) => reportProgress(Math.Clamp(percent, 0, 100));

    /// <summary>
    /// The fenced finish. In one transaction: this worker's hold on this attempt is checked (the row stays locked until the
    /// commit, so no other worker can take the job meanwhile), <paramref name="effect"/> runs (moving files into place, an
    /// import) and the context's changes are saved, and the job is marked succeeded with the effect's result. A worker that
    /// lost its lease gets <see cref="JobLeaseLostException"/> before the effect runs and changes nothing. Runs under the
    /// execution strategy, so a transient database error retries the whole unit: <paramref name="effect"/> must be safe to run
    /// again.
    /// </summary>
    public Task CompleteAsync(LearningDbContext db, Func<CancellationToken, Task> effect, CancellationToken cancellationToken) =>
        CompleteAsync<object?>(db, async ct =>
        {
            await effect(ct);
            return null;
        }, cancellationToken);

    /// <summary><see cref="CompleteAsync(LearningDbContext, Func{CancellationToken, Task}, CancellationToken)"/>, keeping what the effect returns as the job's result.</summary>
    public async Task CompleteAsync<TResult>(LearningDbContext db, Func<CancellationToken, Task<TResult>> effect, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(async ct =>
        {
            if (!await fence.HoldAsync(db, ct))
            {
                throw new JobLeaseLostException(Id, Attempt);
            }

            var result = await effect(ct);
            await db.SaveChangesAsync(ct);
            var json = result is null ? null : JsonSerializer.Serialize(result, JsonSerializerOptions.Web);
            if (!await fence.MarkSucceededAsync(db, json, ct))
            {
                throw new JobLeaseLostException(Id, Attempt);
            }
        }, cancellationToken);
        Completed = true;
    }
}

/// <summary>This attempt no longer holds the job's lease: another worker has it, or it was finished; nothing was recorded.</summary>
public sealed class JobLeaseLostException(long id, int attempt)
    : Exception($"Job {id} attempt {attempt} no longer holds its lease; its outcome was not recorded.");

/// <summary>The fencing token of one attempt: the job, the worker, and the attempt number the claim set.</summary>
internal sealed record JobFence(long Id, string Worker, int Attempt, TimeProvider Clock)
{
    public IQueryable<JobRecord> Held(LearningDbContext db) =>
        db.Set<JobRecord>().Where(j => j.Id == Id && j.LockedBy == Worker && j.Attempts == Attempt && j.State == JobState.Running);

    /// <summary>A no-op update of the held row: it answers whether the hold is still this attempt's, and locks the row until the commit.</summary>
    public async Task<bool> HoldAsync(LearningDbContext db, CancellationToken cancellationToken) =>
        await Held(db).ExecuteUpdateAsync(s => s.SetProperty(j => j.Attempts, j => j.Attempts), cancellationToken) == 1;

    public async Task<bool> MarkSucceededAsync(LearningDbContext db, string? result, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return await Held(db).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Succeeded)
            .SetProperty(j => j.Progress, 100)
            .SetProperty(j => j.Error, (string?)null)
            .SetProperty(j => j.Result, result)
            .SetProperty(j => j.LockedBy, (string?)null)
            .SetProperty(j => j.LockedUntilUtc, (DateTime?)null)
            .SetProperty(j => j.FinishedUtc, now), cancellationToken) == 1;
    }
}

/// <summary>A module's background work, registered as a scoped service; <see cref="Kind"/> names the jobs it runs.</summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>A failure that retrying will not fix (a corrupt file): the job fails at once with this message.</summary>
public sealed class PermanentJobException(string message) : Exception(message);

public interface IJobQueue
{
    /// <summary>Adds a job to the current unit of work and saves, so it is queued with (or after) the change that caused it.</summary>
    Task<long> EnqueueAsync(string kind, object payload, int maxAttempts = 5, string? createdBy = null, CancellationToken cancellationToken = default);

    Task<bool> CancelAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>A failed or cancelled job queued again now, with its attempts counted afresh (the last error stays until it runs).</summary>
    Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default);

    Task<JobRecord?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>How many jobs are in each state (the operations page and its dashboard card).</summary>
    Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken cancellationToken = default);
}

internal sealed class JobQueue(LearningDbContext db, TimeProvider clock) : IJobQueue
{
    public async Task<long> EnqueueAsync(string kind, object payload, int maxAttempts = 5, string? createdBy = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new JobRecord
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            MaxAttempts = Math.Max(1, maxAttempts),
            RunAfterUtc = now,
            CreatedUtc = now,
            CreatedBy = createdBy,
        };
        db.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job.Id;
    }

    /// <summary>A queued job is cancelled at once; a running one is asked to stop and its worker cancels it.</summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = await db.Set<JobRecord>().Where(j => j.Id == id && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Cancelled).SetProperty(j => j.FinishedUtc, now), cancellationToken);
        if (queued == 1)
        {
            return true;
        }

        return await db.Set<JobRecord>().Where(j => j.Id == id && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), cancellationToken) == 1;
    }

    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<JobRecord>().Where(j => j.Id == id && (j.State == JobState.Failed || j.State == JobState.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.Progress, 0)
                .SetProperty(j => j.CancelRequested, false)
                .SetProperty(j => j.RunAfterUtc, now)
                .SetProperty(j => j.FinishedUtc, (DateTime?)null), cancellationToken) == 1;
    }

    public Task<JobRecord?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Set<JobRecord>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);

    public async Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken cancellationToken = default) =>
        await db.Set<JobRecord>().GroupBy(j => j.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
