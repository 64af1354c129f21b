using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Foundation;

public sealed class JobQueueTests
{
    /// <summary>Fails as many times as the payload says, then succeeds; reports progress; "permanent" fails for good.</summary>
    private sealed class FlakyHandler : IJobHandler
    {
        public string Kind => "test.flaky";

        public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            var payload = context.PayloadAs<Payload>();
            await context.ReportProgressAsync(50);
            if (payload.Permanent)
            {
                throw new PermanentJobException("tệp hỏng");
            }

            if (context.Attempt <= payload.Failures)
            {
                throw new InvalidOperationException($"lần {context.Attempt} lỗi");
            }
        }
    }

    /// <summary>Never finishes on its own, like a hung ffmpeg.</summary>
    private sealed class HangingHandler : IJobHandler
    {
        public string Kind => "test.hang";

        public Task RunAsync(JobContext context, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private sealed record Payload(int Failures, bool Permanent = false);

    private static Task<TestSite> StartAsync(DatabaseProvider provider, string timeoutSeconds = "60") =>
        TestSite.StartAsync(provider, recipe: null,
            settings: new() { ["Learning:Jobs:BackoffBaseSeconds"] = "0", ["Learning:Jobs:LeaseSeconds"] = "3", ["Learning:Jobs:TimeoutSeconds"] = timeoutSeconds },
            services: s => s.AddScoped<IJobHandler, FlakyHandler>().AddScoped<IJobHandler, HangingHandler>());

    private static Task<long> EnqueueAsync(TestSite site, string kind, Payload payload, int maxAttempts = 5) =>
        site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(kind, payload, maxAttempts));

    private static Task<JobRecord> JobAsync(TestSite site, long id) => site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == id));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Claim_TwoWorkersAtOnce_TakeEveryJobExactlyOnce(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await EnqueueAsync(site, "test.flaky", new Payload(0)));
        }

        async Task<List<long>> Drain(string worker)
        {
            var taken = new List<long>();
            while (true)
            {
                await using var scope = site.Services.CreateAsyncScope();
                var job = await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync(worker, TimeSpan.FromMinutes(5));
                if (job is null)
                {
                    return taken;
                }

                taken.Add(job.Id);
            }
        }

        var results = await Task.WhenAll(Drain("node-a"), Drain("node-b"));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(ids.Order(), all.Order());
        Assert.Empty(results[0].Intersect(results[1]));
        Assert.All(await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().ToListAsync()), j => Assert.Equal(1, j.Attempts));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Worker_RetriesAfterFailures_ThenSucceeds_AndPermanentErrorsFailAtOnce(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var worker = site.Services.GetRequiredService<JobWorker>();
        var flaky = await EnqueueAsync(site, "test.flaky", new Payload(2));
        var broken = await EnqueueAsync(site, "test.flaky", new Payload(0, Permanent: true));
        var unknown = await EnqueueAsync(site, "test.nobody", new Payload(0));

        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        var ok = await JobAsync(site, flaky);
        Assert.Equal(JobState.Succeeded, ok.State);
        Assert.Equal(3, ok.Attempts);
        Assert.Equal(100, ok.Progress);
        Assert.Null(ok.Error);
        var failed = await JobAsync(site, broken);
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("tệp hỏng", failed.Error);
        Assert.Equal(50, failed.Progress);
        Assert.Contains("test.nobody", (await JobAsync(site, unknown)).Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Worker_GivesUpAfterMaxAttempts_WithTheLastError(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var worker = site.Services.GetRequiredService<JobWorker>();
        var id = await EnqueueAsync(site, "test.flaky", new Payload(10), maxAttempts: 3);

        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(3, job.Attempts);
        Assert.Equal("lần 3 lỗi", job.Error);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task JobOfADeadNode_IsTakenAgainWhenItsLeaseRunsOut(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var id = await EnqueueAsync(site, "test.flaky", new Payload(0));

        // A node claims the job and dies before finishing: the job stays Running under its lease.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync("dead-node", TimeSpan.FromMinutes(5)));
        }

        var worker = site.Services.GetRequiredService<JobWorker>();
        Assert.False(await worker.RunOnceAsync(CancellationToken.None));

        await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, DateTime.UtcNow.AddSeconds(-1))));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Attempts);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Cancel_QueuedJob_NeverRuns(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var id = await EnqueueAsync(site, "test.flaky", new Payload(0));

        Assert.True(await site.WithServiceAsync<IJobQueue, bool>(q => q.CancelAsync(id)));
        Assert.False(await site.Services.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None));

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Equal(0, job.Attempts);
        Assert.NotNull(job.FinishedUtc);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HangingJob_TimesOut_AndFailsWithAClearMessage(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, timeoutSeconds: "1");
        var id = await EnqueueAsync(site, "test.hang", new Payload(0), maxAttempts: 1);

        Assert.True(await site.Services.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None));

        var job = await JobAsync(site, id);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("Timed out", job.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Cancel_RunningJob_StopsItAtTheNextLeaseRenewal(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var id = await EnqueueAsync(site, "test.hang", new Payload(0));
        var run = site.Services.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None);
        while ((await JobAsync(site, id)).State != JobState.Running)
        {
            await Task.Delay(50);
        }

        Assert.True(await site.WithServiceAsync<IJobQueue, bool>(q => q.CancelAsync(id)));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Same(run, finished);
        Assert.Equal(JobState.Cancelled, (await JobAsync(site, id)).State);
    }

    /// <summary>
    /// The nightly clean-up, run as the worker runs it: succeeded jobs past <c>KeepSucceededDays</c> go; younger ones, a recurring
    /// job's last run, and failed, cancelled, queued and running jobs of any age, stay.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Retention_DeletesOnlySucceededJobsPastTheirKeepingTime(DatabaseProvider provider)
    {
        var clock = new Learning.IntegrationTests.Media.ManualClock();
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:KeepSucceededDays"] = "14" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        Assert.Contains(site.Services.GetServices<RecurringJobDefinition>(), d => d.Name == "jobs.retention" && d.Schedule.Text == "45 2 * * *");
        var now = clock.Now.UtcDateTime;
        var later = now.AddYears(1); // never due while the test runs its worker
        JobRecord Row(string name, JobState state, DateTime? finished) => new()
        {
            Kind = "test." + name, State = state, CreatedUtc = now.AddDays(-30), RunAfterUtc = state == JobState.Queued ? later : now.AddDays(-30),
            FinishedUtc = finished, LockedBy = state == JobState.Running ? "elsewhere" : null, LockedUntilUtc = state == JobState.Running ? later : null,
        };
        var rows = await site.WithDbAsync(async db =>
        {
            var list = new List<JobRecord>
            {
                Row("old-succeeded", JobState.Succeeded, now.AddDays(-15)), Row("old-succeeded-2", JobState.Succeeded, now.AddDays(-400)),
                Row("young-succeeded", JobState.Succeeded, now.AddDays(-13)), Row("old-failed", JobState.Failed, now.AddDays(-400)),
                Row("old-cancelled", JobState.Cancelled, now.AddDays(-400)), Row("queued", JobState.Queued, null), Row("running", JobState.Running, null),
            };
            db.AddRange(list);
            await db.SaveChangesAsync();
            return list.ToDictionary(j => j.Kind[5..], j => j.Id);
        });

        // A recurring job whose last run is that old (a monthly one) keeps it: the operations page shows it.
        await site.WithDbAsync(async db =>
        {
            var last = Row("recurring-last", JobState.Succeeded, now.AddDays(-31));
            db.Add(last);
            await db.SaveChangesAsync();
            db.Add(new RecurringJobRow { Name = "test.monthly", Schedule = "0 7 1 * *", NextDueUtc = later, LastJobId = last.Id });
            return await db.SaveChangesAsync();
        });

        var id = await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("jobs.retention", new { }));
        var worker = site.Services.GetRequiredService<JobWorker>();
        for (var i = 0; i < 20 && (await JobAsync(site, id)).State != JobState.Succeeded; i++)
        {
            await worker.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(JobState.Succeeded, (await JobAsync(site, id)).State);
        var left = await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Kind.StartsWith("test.")).Select(j => j.Kind).ToListAsync());
        Assert.Equal(["test.old-cancelled", "test.old-failed", "test.queued", "test.recurring-last", "test.running", "test.young-succeeded"], left.Order(StringComparer.Ordinal));
        Assert.Equal(0, await site.WithServiceAsync<JobRetention, int>(r => r.DeleteExpiredAsync(CancellationToken.None)));

        // Two days on, the job that was thirteen days old has passed its keeping time too.
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await site.WithServiceAsync<JobRetention, int>(r => r.DeleteExpiredAsync(CancellationToken.None)));
        Assert.False(await site.WithDbAsync(db => db.Set<JobRecord>().AnyAsync(j => j.Id == rows["young-succeeded"])));
    }
}
