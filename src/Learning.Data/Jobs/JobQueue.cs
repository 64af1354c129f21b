using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Learning.Data.Jobs;

/// <summary>What a handler gets: its payload, which attempt this is, and a way to report progress (0–100).</summary>
public sealed class JobContext(long id, string kind, string payload, int attempt, Func<int, Task> reportProgress)
{
    public long Id { get; } = id;

    public string Kind { get; } = kind;

    public string Payload { get; } = payload;

    public int Attempt { get; } = attempt;

    public T PayloadAs<T>() => JsonSerializer.Deserialize<T>(Payload, JsonSerializerOptions.Web)!;

    public Task ReportProgressAsync(int percent) => reportProgress(Math.Clamp(percent, 0, 100));
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
    Task<long> EnqueueAsync(string kind, object payload, int maxAttempts = 5, CancellationToken cancellationToken = default);

    Task<bool> CancelAsync(long id, CancellationToken cancellationToken = default);

    Task<JobRecord?> FindAsync(long id, CancellationToken cancellationToken = default);
}

internal sealed class JobQueue(LearningDbContext db, TimeProvider clock) : IJobQueue
{
    public async Task<long> EnqueueAsync(string kind, object payload, int maxAttempts = 5, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new JobRecord
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            MaxAttempts = Math.Max(1, maxAttempts),
            RunAfterUtc = now,
            CreatedUtc = now,
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

    public Task<JobRecord?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Set<JobRecord>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
}
