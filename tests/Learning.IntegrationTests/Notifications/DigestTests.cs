using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Notifications.Data;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Notifications.NotificationFixtures;

namespace Learning.IntegrationTests.Notifications;

/// <summary>Issue 12: daily and weekly digests on the recurring-job queue, over a hand-moved clock.</summary>
public sealed class DigestTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DailyCadence_NothingAtOnce_OneDigestAtTheOccurrence_ARerunSendsNothing_AndTheWeeklyWaitsForMonday(DatabaseProvider provider)
    {
        // Tuesday 2 March 2027, 10:00 in Vietnam.
        var clock = new ManualClock { Now = new DateTimeOffset(2027, 3, 2, 3, 0, 0, TimeSpan.Zero) };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var minh = await NewUserAsync(site, "tran.quang.minh@example.vn", "Trần Quang Minh");
        var tuan = await NewUserAsync(site, "bui.anh.tuan@example.vn", "Bùi Anh Tuấn");
        await SetCadenceAsync(site, minh, NotificationCategories.Courses, Cadence.Daily);
        await SetCadenceAsync(site, minh, NotificationCategories.Quizzes, Cadence.Weekly);
        var scheduler = site.Services.GetRequiredService<RecurringScheduler>();
        var worker = site.Services.GetRequiredService<JobWorker>();
        async Task RunAllAsync()
        {
            await scheduler.QueueDueAsync(CancellationToken.None);
            while (await worker.RunOnceAsync(CancellationToken.None))
            {
            }
        }

        await RunAllAsync(); // registers the recurring jobs: the daily digest is next due at 07:00 tomorrow
        await NotifyAsync(site, Assigned(minh, "Kỹ năng số cho cán bộ xã"), QuizResult(minh, "Kiểm tra Luật Tiếp công dân"), Assigned(tuan, "Kỹ năng số cho cán bộ xã"));
        clock.Advance(TimeSpan.FromSeconds(121));
        await RunAllAsync();
        Assert.Empty(await MessagesToAsync(site, minh)); // nothing at once for a digest reader
        Assert.All(await NotificationsOfAsync(site, minh), n => Assert.Equal(EmailDelivery.Digest, n.Email));
        Assert.Single(await MessagesToAsync(site, tuan)); // the others are not held up

        // 07:00 the next morning: the daily occurrence sends one digest with the course, not the weekly quiz.
        clock.Now = new DateTimeOffset(2027, 3, 3, 0, 0, 30, TimeSpan.Zero);
        await RunAllAsync();
        var daily = Assert.Single(await MessagesToAsync(site, minh));
        Assert.Equal(DigestSender.DigestType, daily.Type);
        Assert.Contains("trong ngày", daily.Subject, StringComparison.Ordinal);
        Assert.Contains("Anh/Chị được giao khóa học: Kỹ năng số cho cán bộ xã", daily.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/Courses/ky-nang-so", daily.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Kiểm tra Luật Tiếp công dân", daily.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost:5000/Notifications/Unsubscribe/", daily.UnsubscribeUrl, StringComparison.Ordinal);
        var mine = await NotificationsOfAsync(site, minh);
        Assert.Equal((EmailDelivery.Queued, daily.Id), (mine[0].Email, mine[0].OutboxMessageId));
        Assert.Equal(EmailDelivery.Digest, mine[1].Email);

        // A rerun (the operations page's "run now", the same occurrence again) finds nothing left.
        Assert.NotNull(await scheduler.RunNowAsync(DailyDigestJobKind, CancellationToken.None));
        await RunAllAsync();
        Assert.Equal(DispatchResult.None, await DigestAsync(site, Cadence.Daily, new DateTime(2027, 3, 3, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Single(await MessagesToAsync(site, minh));

        // Down from Wednesday to Monday morning: the missed daily occurrences fold into one (nothing to send), and Monday's
        // weekly occurrence sends the quiz result.
        clock.Now = new DateTimeOffset(2027, 3, 8, 0, 0, 30, TimeSpan.Zero);
        await RunAllAsync();
        var messages = await MessagesToAsync(site, minh);
        Assert.Equal(2, messages.Count);
        var weekly = messages[1];
        Assert.Contains("trong tuần", weekly.Subject, StringComparison.Ordinal);
        Assert.Contains("Kiểm tra Luật Tiếp công dân", weekly.TextBody, StringComparison.Ordinal);
        Assert.All(await NotificationsOfAsync(site, minh), n => Assert.Equal(EmailDelivery.Queued, n.Email));
        var digestJobs = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind.StartsWith("notifications.digest")).ToListAsync());
        Assert.All(digestJobs, j => Assert.Equal(JobState.Succeeded, j.State));
    }

    private const string DailyDigestJobKind = "notifications.digest.daily";
}
