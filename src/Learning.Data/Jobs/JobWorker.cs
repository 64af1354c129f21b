using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Data.Jobs;

/// <summary>
/// Takes the next due job atomically. PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same job and never
/// wait on each other. SQLite serialises writers, so the single UPDATE … RETURNING is atomic there too.
/// </summary>
public sealed class JobStore(LearningDbContext db, TimeProvider clock)
{
    private const string ClaimSql = """
        UPDATE core_job SET "State" = 'Running', "LockedBy" = {0}, "LockedUntilUtc" = {1}, "Attempts" = "Attempts" + 1,
            "Progress" = 0, "StartedUtc" = COALESCE("StartedUtc", {2})
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

    /// <summary>
    /// For a handler whose run does all of its kind's due work (a dispatch sends every due notification, whichever job was
    /// queued for it): marks succeeded, as covered by <paramref name="coveredBy"/>, the other queued jobs of
    /// <paramref name="kind"/> that were due by <paramref name="workStartedUtc"/> and were queued at least
    /// <paramref name="settled"/> before it, so the work that queued them had committed before the run read it (a unit of work
    /// is not held open that long). Without this, 3,000 exam results held for the same two minutes were 3,000 dispatch runs,
    /// all but the first finding nothing. A job claimed meanwhile by another worker is no longer queued and is left alone; one
    /// queued closer to the run than <paramref name="settled"/> runs itself. The number covered.
    /// </summary>
    public async Task<int> CoverQueuedAsync(string kind, long coveredBy, DateTime workStartedUtc, TimeSpan settled, CancellationToken cancellationToken = default)
    {
        var queuedBy = workStartedUtc - settled;
        var now = clock.GetUtcNow().UtcDateTime;
        var result = $"{{\"coveredBy\":{coveredBy.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}";
        return await db.Set<JobRecord>()
            .Where(j => j.Kind == kind && j.State == JobState.Queued && j.Id != coveredBy && j.RunAfterUtc <= workStartedUtc && j.CreatedUtc <= queuedBy)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, JobState.Succeeded).SetProperty(j => j.FinishedUtc, now).SetProperty(j => j.Result, result), cancellationToken);
    }
}

/// <summary>
/// The background worker: claims a job, runs its handler under a renewed lease and a timeout, and records the outcome.
/// A failure is retried after an exponential backoff until MaxAttempts; a node that dies mid-job loses its lease and another
/// worker (or itself after a restart) takes the job again.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, DatabaseMigrator migrator, RecurringScheduler recurring, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobWorker> logger) : BackgroundService
{
    /// <summary>This machine (host name and boot) as it appears at the start of a worker name.</summary>
    private static readonly string Machine = $"{Environment.MachineName}/{BootId()}:";

    private readonly string name = $"{Machine}{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    private long polls;
    private DateTimeOffset lastOutageLogged = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.MigrateAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                await recurring.QueueDueAsync(stoppingToken); // recurring work becomes jobs here, once across all nodes
                worked = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that is away is one warning per outage (every 30 s at most), not an error every poll.
                if (!Transactions.IsTransient(ex))
                {
                    logger.LogError(ex, "Job worker loop failed; retrying");
                }
                else if (clock.GetUtcNow() - lastOutageLogged > TimeSpan.FromSeconds(30))
                {
                    logger.LogWarning("Job worker: the database is unavailable ({Message}); polling again", ex.GetBaseException().Message);
                    lastOutageLogged = clock.GetUtcNow();
                }

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
        var job = await ClaimNextAsync(lease, stoppingToken);
        if (job is null)
        {
            return false;
        }

        var fence = new JobFence(job.Id, name, job.Attempts, clock);
        if (await AttemptAsync(job, fence, lease, settings.TimeoutSeconds, stoppingToken) is { } attempt)
        {
            await RecordOutcomeAsync(job, fence, lease, attempt.Outcome, attempt.Error);
        }

        return true;
    }

    /// <summary>Every fifth poll first frees the jobs of dead processes of this machine; then takes the next due job, if any.</summary>
    private async Task<JobRecord?> ClaimNextAsync(TimeSpan lease, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (polls++ % 5 == 0)
        {
            await ReleaseJobsOfDeadProcessesAsync(scope.ServiceProvider.GetRequiredService<LearningDbContext>(), stoppingToken);
        }

        return await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync(name, lease, stoppingToken);
    }

    /// <summary>
    /// Runs the job's handler under a renewed lease, the timeout, a cancel request and the node's stopping. Returns the outcome
    /// to record, or null when there is none to record: the lease was lost (another worker may hold the job), the node is
    /// stopping (the lease is given back), or the handler completed the job itself.
    /// </summary>
    private async Task<(JobState Outcome, string? Error)?> AttemptAsync(JobRecord job, JobFence fence, TimeSpan lease, int timeoutSeconds, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        using var leaseLost = new CancellationTokenSource();
        using var cancelRequested = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token, leaseLost.Token, cancelRequested.Token);
        using var renew = new CancellationTokenSource();
        var renewal = Task.Run(() => KeepLeaseAsync(job, fence, lease, leaseLost, cancelRequested, renew.Token), CancellationToken.None);

        string? error = null;
        var outcome = JobState.Succeeded;
        JobContext? context = null;
        try
        {
            context = new JobContext(job.Id, job.Kind, job.Payload, job.Attempts, fence, percent => ReportAsync(fence, percent));
            await RunHandlerAsync(context, linked.Token);
        }
        catch (Exception ex) when (leaseLost.IsCancellationRequested || ex is JobLeaseLostException)
        {
            // Another worker may hold the job now (or will once the lease runs out): this attempt records nothing.
            await StopRenewingAsync(renew, renewal);
            logger.LogWarning("Job {Id} ({Kind}) attempt {Attempt} stopped without recording an outcome: it no longer holds its lease ({Reason})",
                job.Id, job.Kind, job.Attempts, ex.GetBaseException().Message);
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping: give the lease back so the job is taken again at once, here after the restart or elsewhere.
            await StopRenewingAsync(renew, renewal);
            await TryAsync(() => ReleaseAsync(fence), "release");
            return null;
        }
        catch (OperationCanceledException) when (cancelRequested.IsCancellationRequested)
        {
            outcome = JobState.Cancelled;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            error = $"Timed out after {timeoutSeconds} s";
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

        await StopRenewingAsync(renew, renewal);
        if (context is { Completed: true })
        {
            logger.LogInformation("Job {Id} ({Kind}) attempt {Attempt}: Succeeded", job.Id, job.Kind, job.Attempts);
            return null;
        }

        return (outcome, error);
    }

    private async Task RunHandlerAsync(JobContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == context.Kind)
            ?? throw new PermanentJobException($"No handler for job kind '{context.Kind}'.");
        await handler.RunAsync(context, cancellationToken);
    }

    /// <summary>
    /// The outcome is fenced; a database blip here is retried while the lease still holds, after which the job is simply taken
    /// again (handlers are idempotent).
    /// </summary>
    private async Task RecordOutcomeAsync(JobRecord job, JobFence fence, TimeSpan lease, JobState outcome, string? error)
    {
        var deadline = clock.GetUtcNow() + lease / 2;
        while (true)
        {
            try
            {
                await FinishAsync(job, fence, outcome, error);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && clock.GetUtcNow() < deadline)
            {
                logger.LogWarning("Job {Id}: recording the outcome failed ({Message}); retrying", job.Id, ex.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// A host killed outright (SIGKILL, a crash) leaves its jobs Running until their leases run out. A job held by a process of
    /// this same machine and boot that no longer exists is released at once instead, so a restarted node takes its work again
    /// within a poll, not a lease. Its ffmpeg died with it (parent-death signal); the release is conditioned on the dead
    /// holder's name, so it cannot touch a job another worker has taken since.
    /// </summary>
    private async Task ReleaseJobsOfDeadProcessesAsync(LearningDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var holders = await db.Set<JobRecord>().Where(j => j.State == JobState.Running && j.LockedBy != null && j.LockedBy.StartsWith(Machine) && j.LockedUntilUtc > now)
            .Select(j => j.LockedBy!).Distinct().ToListAsync(cancellationToken);
        foreach (var holder in holders)
        {
            var pidText = holder[Machine.Length..].Split(':')[0];
            if (holder == name || !int.TryParse(pidText, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId || LocalProcesses.IsRunning(pid))
            {
                continue;
            }

            var released = await db.Set<JobRecord>().Where(j => j.State == JobState.Running && j.LockedBy == holder)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, DateTime.UnixEpoch), cancellationToken);
            logger.LogWarning("Released {Count} job(s) held by {Holder}, a process of this machine that no longer runs", released, holder);
        }
    }

    /// <summary>
    /// Linux's id of this boot and of this process-id namespace: a host name alone may repeat across machines, and containers
    /// sharing a kernel have their own process ids; with both, a process id names one process.
    /// </summary>
    private static string BootId()
    {
        try
        {
            var pidNamespace = new string((File.ResolveLinkTarget("/proc/self/ns/pid", returnFinalTarget: false)?.Name ?? "").Where(char.IsAsciiDigit).ToArray());
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim()[..8] + "." + pidNamespace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return "noboot" + Guid.NewGuid().ToString("N")[..6]; // never matches another process: only the lease frees its jobs
        }
    }

    /// <summary>
    /// Renews the lease every quarter of its length and watches for a cancel request. If the lease is gone (another worker has
    /// the job) or cannot be renewed for half its length (the database is unreachable), the handler is cancelled at once, so it
    /// has stopped — ffmpeg included — before another node can claim the job.
    /// </summary>
    private async Task KeepLeaseAsync(JobRecord job, JobFence fence, TimeSpan lease, CancellationTokenSource leaseLost, CancellationTokenSource cancelRequested, CancellationToken stop)
    {
        var lastRenewed = clock.GetTimestamp();
        var failing = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(failing ? TimeSpan.FromMilliseconds(Math.Min(1000, lease.TotalMilliseconds / 8)) : lease / 4, clock, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // One renewal may take no longer than what is left of half the lease: with the database away, EF's retry strategy
            // alone would keep it waiting for seconds (measured: the handler stopped 4.1 s after the outage, past a 4 s lease,
            // on a loaded machine), and the handler must be stopped before another node can take the job.
            var budget = lease / 2 - clock.GetElapsedTime(lastRenewed);
            using var limit = new CancellationTokenSource(budget > TimeSpan.FromMilliseconds(50) ? budget : TimeSpan.FromMilliseconds(50), clock);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, limit.Token);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + lease;
                var held = await fence.Held(db).ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, until), attempt.Token);
                if (held == 0)
                {
                    logger.LogWarning("Job {Id} ({Kind}) attempt {Attempt} lost its lease to another worker; stopping it", job.Id, job.Kind, job.Attempts);
                    await leaseLost.CancelAsync();
                    return;
                }

                lastRenewed = clock.GetTimestamp();
                if (failing)
                {
                    logger.LogInformation("Job {Id}: lease renewed again", job.Id);
                    failing = false;
                }

                if (await db.Set<JobRecord>().AnyAsync(j => j.Id == job.Id && j.CancelRequested, attempt.Token))
                {
                    await cancelRequested.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var silent = clock.GetElapsedTime(lastRenewed);
                if (!failing)
                {
                    logger.LogWarning("Job {Id} ({Kind}): renewing the lease failed ({Message}); retrying", job.Id, job.Kind, ex.GetBaseException().Message);
                    failing = true;
                }

                if (silent >= lease / 2 || limit.IsCancellationRequested)
                {
                    logger.LogWarning(
                        "Job {Id} ({Kind}) attempt {Attempt}: the lease could not be renewed for {Seconds:0.#} s; stopping the handler before the lease runs out, so that no other node runs the job at the same time",
                        job.Id, job.Kind, job.Attempts, silent.TotalSeconds);
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
    }

    private static async Task StopRenewingAsync(CancellationTokenSource renew, Task renewal)
    {
        await renew.CancelAsync();
        await renewal.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Job worker: {What} failed ({Message})", what, ex.GetBaseException().Message);
        }
    }

    /// <summary>Progress is fenced too: a worker that lost the job cannot move another attempt's progress bar.</summary>
    private async Task ReportAsync(JobFence fence, int percent)
    {
        await using var scope = scopes.CreateAsyncScope();
        await fence.Held(scope.ServiceProvider.GetRequiredService<LearningDbContext>()).ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, percent));
    }

    private async Task ReleaseAsync(JobFence fence)
    {
        await using var scope = scopes.CreateAsyncScope();
        await fence.Held(scope.ServiceProvider.GetRequiredService<LearningDbContext>())
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, DateTime.UnixEpoch));
    }

    private async Task FinishAsync(JobRecord job, JobFence fence, JobState outcome, string? error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var retryAt = now.AddSeconds(options.Value.BackoffBaseSeconds * Math.Pow(2, Math.Max(0, job.Attempts - 1)));
        var finished = outcome is JobState.Succeeded or JobState.Failed or JobState.Cancelled ? now : (DateTime?)null;
        await using var scope = scopes.CreateAsyncScope();
        var written = await fence.Held(scope.ServiceProvider.GetRequiredService<LearningDbContext>())
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, outcome)
                .SetProperty(j => j.Error, error == null ? null : error.Length > 4000 ? error.Substring(0, 4000) : error)
                .SetProperty(j => j.Progress, j => outcome == JobState.Succeeded ? 100 : j.Progress)
                .SetProperty(j => j.RunAfterUtc, j => outcome == JobState.Queued ? retryAt : j.RunAfterUtc)
                .SetProperty(j => j.LockedBy, (string?)null)
                .SetProperty(j => j.LockedUntilUtc, (DateTime?)null)
                .SetProperty(j => j.FinishedUtc, finished));
        if (written == 0)
        {
            logger.LogWarning("Job {Id} ({Kind}) attempt {Attempt}: {Outcome} not recorded, the attempt no longer holds the lease", job.Id, job.Kind, job.Attempts, outcome);
            return;
        }

        logger.LogInformation("Job {Id} ({Kind}) attempt {Attempt}: {Outcome} {Error}", job.Id, job.Kind, job.Attempts, outcome, error);
    }
}
