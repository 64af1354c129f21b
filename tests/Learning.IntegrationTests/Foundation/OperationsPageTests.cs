using System.Net;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Foundation;

/// <summary>Issue 10, item 4: the operations page lists jobs by state and kind, retries and cancels them, and runs recurring jobs now.</summary>
public sealed class OperationsPageTests
{
    private sealed class BrokenHandler : IJobHandler
    {
        public string Kind => "test.broken";

        public Task RunAsync(JobContext context, CancellationToken cancellationToken) => throw new PermanentJobException("tệp nguồn hỏng");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Administrator_SeesFailedJobs_RetriesCancelsAndRunsRecurringJobsNow_AllAudited(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddScoped<IJobHandler, BrokenHandler>());
        var broken = await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("test.broken", new { }, maxAttempts: 1));
        var waiting = await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync("test.broken", new { }));
        await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == waiting).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAfterUtc, DateTime.UtcNow.AddHours(1))));
        Assert.True(await site.Services.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None));
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);

        var failed = await admin.GetAsync("/Admin/Jobs?state=Failed");
        Assert.Equal(HttpStatusCode.OK, failed.Status);
        Assert.Contains("tệp nguồn hỏng", failed.Body, StringComparison.Ordinal);
        Assert.Contains("Thất bại: 1", failed.Body, StringComparison.Ordinal);
        Assert.Contains("media.sweep", failed.Body, StringComparison.Ordinal); // the recurring jobs, with their schedules
        Assert.Contains("mỗi 1 giờ", failed.Body, StringComparison.Ordinal);
        var dashboard = await admin.GetAsync("/Admin");
        Assert.Contains("Tác vụ nền thất bại", dashboard.Body, StringComparison.Ordinal);

        var retried = await admin.PostFormAsync("/Admin/Jobs", [new("id", broken.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Jobs?handler=Retry");
        Assert.Equal(HttpStatusCode.Redirect, retried.Status);
        Assert.Equal(JobState.Queued, await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == broken).Select(j => j.State).SingleAsync()));

        await admin.PostFormAsync("/Admin/Jobs", [new("id", waiting.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Jobs?handler=Cancel");
        Assert.Equal(JobState.Cancelled, await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == waiting).Select(j => j.State).SingleAsync()));

        var ran = await admin.PostFormAsync("/Admin/Jobs", [new("name", "media.sweep")], "/Admin/Jobs?handler=RunNow");
        Assert.Equal(HttpStatusCode.Redirect, ran.Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<JobRecord>().CountAsync(j => j.Kind == "media.sweep" && j.State == JobState.Queued)));
        Assert.Contains("media.sweep", (await admin.GetAsync(ran.Location!)).Body, StringComparison.Ordinal);

        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("jobs.")).Select(a => a.Action + " " + a.UserName).ToListAsync());
        Assert.Contains($"jobs.retried {TestSite.AdminEmail}", audit);
        Assert.Contains($"jobs.cancelled {TestSite.AdminEmail}", audit);
        Assert.Contains($"jobs.recurring.run_now {TestSite.AdminEmail}", audit);
    }
}
