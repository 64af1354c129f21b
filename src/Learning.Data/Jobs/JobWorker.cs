using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Data.Jobs;

/// <summary><c>Learning:Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Learning:Jobs";

    /// <summary>Run the worker on this node. Several nodes may: a job is taken by one of them only.</summary>
    public bool RunWorker { get; set; } = true;

    public int PollMilliseconds { get; set; } = 2000;

    /// <summary>How long a claim holds without renewal; a node that dies releases its jobs after this.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>A job still running after this is cancelled and counted as a failed attempt (a hung ffmpeg, say).</summary>
    public int TimeoutSeconds { get; set; } = 2 * 60 * 60;

    public int BackoffBaseSeconds { get; set; } = 10;
}

/// <summary>
/// Takes the next due job atomically. PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same job and never
/// wait on each other. SQLite serialises writers, so the single UPDATE … RETURNING is atomic there too.
/// </summary>
public sealed class JobStore(LearningDbContext db, TimeProvider clock)
{
    private const string ClaimSql = """
        UPDATE core_job SET "State" = 'Running', "LockedBy" = {0}, "LockedUntilUtc" = {1}, "Attempts" = "Attempts" + 1,
            "StartedUtc" = COALESCE("StartedUtc", {2})
        WHERE "Id" = (
            SELECT "Id" FROM core_job
            WHERE ("State" = 'Queued' AND "RunAfterUtc" <= {2}) OR ("State" = 'Running' AND "LockedUntilUtc" < {2})
            ORDER BY "Id" LIMIT 1 /*lock*/)
        RETURNING "Id" AS "Value"
        """;

    public async Task<JobRecord?> ClaimAsync(string worker, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        // Only the row-locking clause differs between providers; the values are parameters.
        var sql = ClaimSql.Replace("/*lock*/", db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "", StringComparison.Ordinal);
        var ids = await db.Database.SqlQueryRaw<long>(sql, worker, until, now).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        return await db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == ids[0], cancellationToken);
    }
}

/// <summary>
/// The background worker: claims a job, runs its handler under a renewed lease and a timeout, and records the outcome.
/// A failure is retried after an exponential backoff until MaxAttempts; a node that dies mid-job loses its lease and another
/// worker (or itself after a restart) takes the job again.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, DatabaseMigrator migrator, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly string name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.MigrateAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Job worker loop failed; retrying");
                worked = false;
            }

            if (!worked)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Runs at most one job. Returns whether there was one.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        JobRecord? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            job = await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync(name, lease, stoppingToken);
        }

        if (job is null)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        var cancelledByUser = false;

        // Renew the lease while the handler runs, and watch for a cancel request.
        using var renew = new CancellationTokenSource();
        var renewal = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(lease / 3, clock);
            while (await timer.WaitForNextTickAsync(renew.Token).ConfigureAwait(false))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + lease;
                await db.Set<JobRecord>().Where(j => j.Id == job.Id && j.LockedBy == name).ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, until), renew.Token);
                if (await db.Set<JobRecord>().AnyAsync(j => j.Id == job.Id && j.CancelRequested, renew.Token))
                {
                    cancelledByUser = true;
                    await linked.CancelAsync();
                }
            }
        }, CancellationToken.None);

        string? error = null;
        var outcome = JobState.Succeeded;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind)
                ?? throw new PermanentJobException($"No handler for job kind '{job.Kind}'.");
            var context = new JobContext(job.Id, job.Kind, job.Payload, job.Attempts, percent => ReportAsync(job.Id, percent));
            await handler.RunAsync(context, linked.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping: leave the job Running; its lease runs out and it is taken again after the restart.
            await renew.CancelAsync();
            await renewal.ContinueWith(_ => { }, TaskScheduler.Default);
            await ReleaseAsync(job.Id);
            return true;
        }
        catch (OperationCanceledException) when (cancelledByUser)
        {
            outcome = JobState.Cancelled;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            error = $"Timed out after {settings.TimeoutSeconds} s";
            outcome = job.Attempts >= job.MaxAttempts ? JobState.Failed : JobState.Queued;
        }
        catch (PermanentJobException ex)
        {
            error = ex.Message;
            outcome = JobState.Failed;
        }
        catch (Exception ex)
        {
            error = ex.GetBaseException().Message;
            outcome = job.Attempts >= job.MaxAttempts ? JobState.Failed : JobState.Queued;
            logger.LogWarning(ex, "Job {Id} ({Kind}) attempt {Attempt} failed", job.Id, job.Kind, job.Attempts);
        }

        await renew.CancelAsync();
        await renewal.ContinueWith(_ => { }, TaskScheduler.Default);
        await FinishAsync(job, outcome, error);
        return true;
    }

    private async Task ReportAsync(long id, int percent)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<JobRecord>().Where(j => j.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, percent));
    }

    private async Task ReleaseAsync(long id)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<JobRecord>().Where(j => j.Id == id && j.LockedBy == name)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, DateTime.UnixEpoch));
    }

    private async Task FinishAsync(JobRecord job, JobState outcome, string? error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var retryAt = now.AddSeconds(options.Value.BackoffBaseSeconds * Math.Pow(2, Math.Max(0, job.Attempts - 1)));
        var finished = outcome is JobState.Succeeded or JobState.Failed or JobState.Cancelled ? now : (DateTime?)null;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<JobRecord>().Where(j => j.Id == job.Id && j.LockedBy == name)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, outcome)
                .SetProperty(j => j.Error, error == null ? null : error.Length > 4000 ? error.Substring(0, 4000) : error)
                .SetProperty(j => j.Progress, j => outcome == JobState.Succeeded ? 100 : j.Progress)
                .SetProperty(j => j.RunAfterUtc, j => outcome == JobState.Queued ? retryAt : j.RunAfterUtc)
                .SetProperty(j => j.LockedBy, (string?)null)
                .SetProperty(j => j.LockedUntilUtc, (DateTime?)null)
                .SetProperty(j => j.FinishedUtc, finished));
        logger.LogInformation("Job {Id} ({Kind}) attempt {Attempt}: {Outcome} {Error}", job.Id, job.Kind, job.Attempts, outcome, error);
    }
}
