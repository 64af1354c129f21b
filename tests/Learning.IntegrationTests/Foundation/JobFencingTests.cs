using System.Collections.Concurrent;
using System.Diagnostics;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Foundation;

/// <summary>
/// Issue 9, item 1: a worker that cannot renew its lease stops its handler before the lease runs out, and a worker that lost
/// its lease can never record an outcome, so no job runs on two workers at once or is finished twice.
/// </summary>
public sealed class JobFencingTests
{
    /// <summary>Book-keeping per test run (the handler is created per scope): who runs, most at once, what was committed.</summary>
    private sealed class Runs
    {
        private int running;

        public int MostAtOnce { get; private set; }

        public ConcurrentQueue<int> Committed { get; } = new();

        public ConcurrentQueue<(int Attempt, long At)> Stopped { get; } = new();

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Enter()
        {
            var now = Interlocked.Increment(ref running);
            lock (this)
            {
                MostAtOnce = Math.Max(MostAtOnce, now);
            }

            Started.TrySetResult();
        }

        public void Leave() => Interlocked.Decrement(ref running);
    }

    private sealed record Payload(string Run, int FinishFromAttempt, int Milliseconds, bool IgnoreCancellation);

    private static readonly ConcurrentDictionary<string, Runs> AllRuns = new();

    /// <summary>
    /// Runs until cancelled, unless this attempt is at least <c>FinishFromAttempt</c>: then it works for the given time and
    /// commits through the fence. With IgnoreCancellation it finishes its work whatever happens, like a handler deaf to its token.
    /// </summary>
    private sealed class TrackedHandler(LearningDbContext db) : IJobHandler
    {
        public string Kind => "test.tracked";

        public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            var payload = context.PayloadAs<Payload>();
            var runs = AllRuns[payload.Run];
            runs.Enter();
            try
            {
                await context.ReportProgressAsync(40 + context.Attempt);
                var wait = context.Attempt >= payload.FinishFromAttempt ? payload.Milliseconds : Timeout.Infinite;
                try
                {
                    await Task.Delay(wait, payload.IgnoreCancellation ? CancellationToken.None : cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    runs.Stopped.Enqueue((context.Attempt, Stopwatch.GetTimestamp()));
                    throw;
                }

                await context.CompleteAsync(db, _ =>
                {
                    runs.Committed.Enqueue(context.Attempt);
                    return Task.CompletedTask;
                }, CancellationToken.None);
            }
            finally
            {
                runs.Leave();
            }
        }
    }

    private static Task<TestSite> StartAsync(DatabaseProvider provider, int leaseSeconds, string? connectionString = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Learning:Jobs:BackoffBaseSeconds"] = "0",
            ["Learning:Jobs:LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (connectionString is not null)
        {
            settings["Learning:Database:ConnectionString"] = connectionString;
        }

        return TestSite.StartAsync(provider, recipe: null, settings: settings, services: s => s.AddScoped<IJobHandler, TrackedHandler>());
    }

    private static Task<JobRecord> JobAsync(TestSite site, long id) => site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == id));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WorkerThatLostItsLease_IsStopped_AndCanNeitherFinishTheJobNorMoveItsProgress(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, leaseSeconds: 2);
        var run = Guid.NewGuid().ToString("N");
        var runs = AllRuns[run] = new Runs();
        // A handler deaf to cancellation, which would commit 2 s after it started.
        var id = await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("test.tracked", new Payload(run, 1, 2000, IgnoreCancellation: true)));
        var worker = site.Services.GetRequiredService<JobWorker>();
        var first = worker.RunOnceAsync(CancellationToken.None);
        await runs.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Another node took the job (as it would once the lease ran out): attempt 2 under another name, progress from zero.
        await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.LockedBy, "node-b").SetProperty(j => j.Attempts, 2).SetProperty(j => j.Progress, 0)
            .SetProperty(j => j.LockedUntilUtc, DateTime.UtcNow.AddMinutes(5))));

        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(20)));

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Running, job.State); // still node B's to finish
        Assert.Equal("node-b", job.LockedBy);
        Assert.Equal(0, job.Progress);
        Assert.Empty(runs.Committed); // the fenced commit refused the stale attempt's effect
        Assert.Null(job.FinishedUtc);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task FencedCompletion_CommitsTheEffectAndTheSuccessTogether_Once(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, leaseSeconds: 10);
        var run = Guid.NewGuid().ToString("N");
        var runs = AllRuns[run] = new Runs();
        var id = await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("test.tracked", new Payload(run, 1, 50, IgnoreCancellation: false)));

        Assert.True(await site.Services.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None));

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(100, job.Progress);
        Assert.Null(job.LockedBy);
        Assert.Equal([1], runs.Committed);
    }

    [Fact]
    public async Task PostgreSqlStopped_HandlerStopsBeforeTheLeaseRunsOut_AndTheJobNeverRunsTwiceAtOnce()
    {
        const int lease = 4;
        await using var postgres = await PrivatePostgres.CreateAsync();
        await using var site = await StartAsync(DatabaseProvider.PostgreSql, lease, postgres.ConnectionString("learning_fencing"));
        var run = Guid.NewGuid().ToString("N");
        var runs = AllRuns[run] = new Runs();
        // Attempt 1 works until stopped; attempt 2 finishes after 500 ms.
        var id = await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("test.tracked", new Payload(run, 2, 500, IgnoreCancellation: false)));
        var nodeA = site.Services.GetRequiredService<JobWorker>();
        var nodeB = ActivatorUtilities.CreateInstance<JobWorker>(site.Services);
        var first = nodeA.RunOnceAsync(CancellationToken.None);
        await runs.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // at least one renewal went through

        var stoppedAt = Stopwatch.GetTimestamp();
        await postgres.StopAsync();
        // Node B keeps polling through the outage, as a second web node would.
        var nodeBPolls = Task.Run(async () =>
        {
            var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    if (await nodeB.RunOnceAsync(CancellationToken.None))
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // database down: poll again
                }

                await Task.Delay(200);
            }

            return false;
        });

        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(30))); // node A gave up the attempt without recording anything
        var (attempt, at) = Assert.Single(runs.Stopped);
        Assert.Equal(1, attempt);
        var stoppedAfter = Stopwatch.GetElapsedTime(stoppedAt, at);
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(lease), $"handler stopped {stoppedAfter.TotalSeconds:0.0} s after the database went away; the lease is {lease} s");

        await Task.Delay(TimeSpan.FromSeconds(lease + 1)); // the outage outlasts the lease
        await postgres.StartAsync();
        Assert.True(await nodeBPolls.WaitAsync(TimeSpan.FromSeconds(90)));

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal([2], runs.Committed);
        Assert.Equal(1, runs.MostAtOnce);
    }
}
