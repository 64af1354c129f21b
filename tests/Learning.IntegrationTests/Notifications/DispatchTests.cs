using Learning.Data;
using Learning.Data.Entities;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Notifications.NotificationFixtures;

namespace Learning.IntegrationTests.Notifications;

/// <summary>Issue 12: from a notice to the outbox — in the caller's transaction, after the hold, one message per burst, by preference.</summary>
public sealed class DispatchTests
{
    private sealed class Rollback : Exception;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Notify_JoinsTheCallersTransaction_ThenGoesOutAfterTheHold_OneMessagePerBurst_ByPreference(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        clock.Advance(TimeSpan.FromSeconds(121)); // the set-up's own notifications (its demo assignments) go out first
        await DispatchAsync(site);
        var hoa = await NewUserAsync(site, "pham.thi.hoa@example.vn", "Phạm Thị Hòa");
        var lan = await NewUserAsync(site, "do.thi.lan@example.vn", "Đỗ Thị Lan", culture: "en");

        // A change that rolls back notifies no one: no notification, no dispatch job (the set-up's own assignments queued some).
        var dispatchJobs = await site.WithDbAsync(db => db.Set<JobRecord>().CountAsync(j => j.Kind == DispatchJobKind));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            await Assert.ThrowsAsync<Rollback>(() => db.InTransactionAsync(async ct =>
            {
                db.Add(new AuditEntry { AtUtc = DateTime.UtcNow, Action = "test.change" });
                notifier.Notify(Assigned(hoa, "Không bao giờ gửi"));
                await db.SaveChangesAsync(ct);
                throw new Rollback();
            }, CancellationToken.None));
        }

        Assert.Empty(await NotificationsOfAsync(site, hoa));
        Assert.Equal(dispatchJobs, await site.WithDbAsync(db => db.Set<JobRecord>().CountAsync(j => j.Kind == DispatchJobKind)));

        // One notice: held for the hold (120 s by default), then one message with the absolute link and an unsubscribe address.
        await NotifyAsync(site, Assigned(hoa, "Kỹ năng chuyển đổi số cấp xã"));
        var dispatchJob = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind == DispatchJobKind).OrderByDescending(j => j.Id).FirstAsync());
        Assert.InRange(dispatchJob.RunAfterUtc, clock.Now.UtcDateTime.AddSeconds(119), clock.Now.UtcDateTime.AddSeconds(121));
        Assert.Equal(0, (await DispatchAsync(site)).Messages);
        clock.Advance(TimeSpan.FromSeconds(121));
        var first = await DispatchAsync(site);
        Assert.Equal(1, first.Messages);
        var message = Assert.Single(await MessagesToAsync(site, hoa));
        Assert.Equal(NoticeTypes.CourseAssigned, message.Type);
        Assert.Equal("pham.thi.hoa@example.vn", message.ToAddress);
        Assert.Equal("Phạm Thị Hòa", message.ToName);
        Assert.Equal("vi", message.Culture);
        Assert.Contains("Kỹ năng chuyển đổi số cấp xã", message.Subject, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/Courses/ky-nang-so", message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost:5000/Notifications/Unsubscribe/", message.UnsubscribeUrl, StringComparison.Ordinal);
        Assert.Contains(message.UnsubscribeUrl!, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
        var sent = Assert.Single(await NotificationsOfAsync(site, hoa));
        Assert.Equal(EmailDelivery.Queued, sent.Email);
        Assert.Equal(message.Id, sent.OutboxMessageId);
        Assert.Equal(DispatchResultNone, await DispatchAsync(site)); // a rerun finds nothing

        // A burst of five changes to one course within the hold: one message, the newest, saying it stands for five.
        for (var i = 1; i <= 5; i++)
        {
            await NotifyAsync(site, Assigned(hoa, $"Cải cách hành chính (lần sửa {i})", groupKey: "course:42", slug: "cai-cach"));
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        clock.Advance(TimeSpan.FromSeconds(80)); // the first is due, the last is not: the burst goes together
        Assert.Equal(1, (await DispatchAsync(site)).Messages);
        var burst = (await MessagesToAsync(site, hoa)).Last();
        Assert.Contains("Cải cách hành chính (lần sửa 5)", burst.Subject, StringComparison.Ordinal);
        Assert.Contains("tổng hợp 5 thông báo", burst.TextBody, StringComparison.Ordinal);
        var grouped = (await NotificationsOfAsync(site, hoa)).Where(n => n.GroupKey == "course:42").ToList();
        Assert.Equal(5, grouped.Count);
        Assert.All(grouped, n => Assert.Equal((EmailDelivery.Queued, burst.Id), (n.Email, n.OutboxMessageId)));

        // An essential notice is not held, carries no unsubscribe address, and goes out even with every category off.
        foreach (var category in NotificationCategories.Optional)
        {
            await SetCadenceAsync(site, hoa, category, Cadence.Off);
        }

        await NotifyAsync(site, new Notice(hoa, NoticeTypes.PasswordReset, new { Link = "http://localhost:5000/Account/ResetPassword?token=abc", ExpiresHours = 24 }));
        Assert.Equal(1, (await DispatchAsync(site)).Messages);
        var reset = (await MessagesToAsync(site, hoa)).Last();
        Assert.Equal(NoticeTypes.PasswordReset, reset.Type);
        Assert.Null(reset.UnsubscribeUrl);
        Assert.Contains("http://localhost:5000/Account/ResetPassword?token=abc", reset.TextBody, StringComparison.Ordinal);

        // Off: no mail, still in the in-app list.
        await NotifyAsync(site, Assigned(hoa, "Khóa học tắt thư"));
        clock.Advance(TimeSpan.FromSeconds(121));
        var off = await DispatchAsync(site);
        Assert.Equal((0, 1), (off.Messages, off.Skipped));
        Assert.Equal(EmailDelivery.Skipped, (await NotificationsOfAsync(site, hoa)).Last().Email);
        var list = await site.WithServiceAsync<NotificationInbox, InboxPage>(i => i.PageAsync(hoa, 1, CancellationToken.None));
        Assert.Contains(list.Items, i => i.Title.Contains("Khóa học tắt thư", StringComparison.Ordinal));
        Assert.DoesNotContain(list.Items, i => i.Type == NoticeTypes.PasswordReset); // not an in-app type

        // The file of a notice travels with its message (in English for someone who chose English).
        await NotifyAsync(site, new Notice(lan, NoticeTypes.CertificateIssued, new { Certificate = new { Title = "Digital skills", Url = "/Certificates/KH-1", Code = "KH-1" } })
        {
            Link = "/Certificates/KH-1",
            Attachments = [new NoticeAttachment("chung-nhan.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray())],
        });
        clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(1, (await DispatchAsync(site)).Messages);
        var certificate = Assert.Single(await MessagesToAsync(site, lan));
        Assert.Equal("en", certificate.Culture);
        Assert.Contains("Digital skills", certificate.Subject, StringComparison.Ordinal);
        var files = await site.WithDbAsync(db => db.Set<NotificationAttachment>().AsNoTracking().ToListAsync());
        var file = Assert.Single(files); // the message's copy; the notification's own was removed
        Assert.Equal((certificate.Id, "chung-nhan.pdf"), (file.OutboxMessageId, file.FileName));
    }

    /// <summary>Two nodes dispatch the same due notifications at the same moment: each is in exactly one message.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TwoDispatchersAtOnce_PutEachNotificationInOneMessage(DatabaseProvider provider)
    {
        var hold = new Dictionary<string, string?> { ["Learning:Notifications:HoldSeconds"] = "0" };
        await using var nodeA = await TestSite.StartAsync(provider, settings: hold);
        await using var nodeB = await TestSite.StartAsync(provider, setUp: false, settings: new(hold) { ["Learning:Database:ConnectionString"] = nodeA.ConnectionString });
        await DispatchAsync(nodeA); // the set-up's own notifications (its demo assignments) go first, so only these are counted
        var users = new List<string>();
        for (var u = 0; u < 30; u++)
        {
            var id = await NewUserAsync(nodeA, $"can.bo.{u}@example.vn", $"Cán bộ {u}");
            users.Add(id);
            await NotifyAsync(nodeA,
                Assigned(id, "Khóa A", groupKey: "course:a"), Assigned(id, "Khóa A (sửa)", groupKey: "course:a"), Assigned(id, "Khóa A (sửa lần 2)", groupKey: "course:a"),
                QuizResult(id, "Bài kiểm tra 1"), QuizResult(id, "Bài kiểm tra 2"));
        }

        var results = await Task.WhenAll(DispatchAsync(nodeA), DispatchAsync(nodeB), DispatchAsync(nodeA), DispatchAsync(nodeB));
        Assert.Equal(users.Count * 3, results.Sum(r => r.Messages));
        Assert.Equal(users.Count * 5, results.Sum(r => r.Notifications));
        var notifications = await nodeA.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => users.Contains(n.UserId)).ToListAsync());
        var messages = await nodeA.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => users.Contains(m.UserId!)).ToListAsync());
        Assert.Equal(users.Count * 3, messages.Count);
        Assert.All(notifications, n => Assert.Equal(EmailDelivery.Queued, n.Email));
        Assert.All(notifications, n => Assert.Contains(messages, m => m.Id == n.OutboxMessageId && m.UserId == n.UserId));
        Assert.All(notifications.Where(n => n.GroupKey == "course:a").GroupBy(n => n.UserId), g => Assert.Single(g.Select(n => n.OutboxMessageId).Distinct()));
        Assert.Equal(notifications.Count(n => n.GroupKey is null), notifications.Where(n => n.GroupKey is null).Select(n => n.OutboxMessageId).Distinct().Count());
    }

    /// <summary>Notifications past the keeping time go, unless they still wait for e-mail; the files they held go with them.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Retention_DeletesOldNotificationsThatNoLongerWaitForEmail(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var nam = await NewUserAsync(site, "vo.van.nam@example.vn", "Võ Văn Nam");
        var ha = await NewUserAsync(site, "ly.thu.ha@example.vn", "Lý Thu Hà");
        await SetCadenceAsync(site, ha, NotificationCategories.Courses, Cadence.Weekly);
        var now = clock.Now;
        clock.Now = now.AddDays(-100);
        await NotifyAsync(site, Assigned(nam, "Cũ, đã gửi"), Assigned(ha, "Cũ, chờ bản tin tuần"));
        await SetCadenceAsync(site, nam, NotificationCategories.Quizzes, Cadence.Off);
        await NotifyAsync(site, QuizResult(nam, "Cũ, không gửi thư") with { Attachments = [new NoticeAttachment("ket-qua.pdf", "application/pdf", [1, 2, 3])] });
        clock.Advance(TimeSpan.FromMinutes(5));
        await DispatchAsync(site);
        clock.Now = now;
        await NotifyAsync(site, Assigned(nam, "Mới"));

        var deleted = await site.WithServiceAsync<NotificationRetention, int>(r => r.DeleteExpiredAsync(CancellationToken.None));
        Assert.Equal(2, deleted);
        Assert.Equal(["Mới"], (await NotificationsOfAsync(site, nam)).Select(n => System.Text.Json.JsonDocument.Parse(n.ModelJson).RootElement.GetProperty("course").GetProperty("title").GetString()));
        Assert.Equal(EmailDelivery.Digest, Assert.Single(await NotificationsOfAsync(site, ha)).Email); // still waiting for its digest
        Assert.False(await site.WithDbAsync(db => db.Set<NotificationAttachment>().AnyAsync(a => a.OutboxMessageId == null)));
        Assert.Single(await MessagesToAsync(site, nam)); // the message that went out stays with the outbox
        Assert.Equal(0, await site.WithServiceAsync<NotificationRetention, int>(r => r.DeleteExpiredAsync(CancellationToken.None)));
    }

    /// <summary>Sent messages past <c>Outbox:KeepSentDays</c> go with their attachments; younger ones, pending ones and dead letters stay.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Retention_DeletesSentMessagesAndTheirFilesPastTheirKeepingTime(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Notifications:Outbox:KeepSentDays"] = "90" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var now = clock.Now.UtcDateTime;
        OutboxMessage Message(string name, OutboxState state, DateTime? sent) => new()
        {
            MessageId = $"{name}.{Guid.NewGuid():N}@test", ToAddress = "nguyen.van.a@example.vn", ToName = "Nguyễn Văn Á", Type = "reports.scheduled",
            Subject = "Báo cáo tuần — " + name, TextBody = "Tệp đính kèm: báo cáo hoàn thành.", State = state, CreatedUtc = now.AddDays(-200),
            NextAttemptUtc = state == OutboxState.Pending ? now.AddYears(1) : now.AddDays(-200), SentUtc = sent,
        };
        await site.WithDbAsync(async db =>
        {
            foreach (var message in new[]
            {
                Message("old-sent", OutboxState.Sent, now.AddDays(-91)), Message("young-sent", OutboxState.Sent, now.AddDays(-89)),
                Message("old-pending", OutboxState.Pending, null), Message("old-dead", OutboxState.Dead, null),
            })
            {
                db.Add(message);
                db.Add(new NotificationAttachment { Message = message, FileName = "bao-cao.xlsx", ContentType = "application/octet-stream", Content = [1, 2, 3] });
            }

            await db.SaveChangesAsync();
            return 0;
        });

        var deleted = await site.WithServiceAsync<NotificationRetention, int>(r => r.DeleteSentMessagesAsync(CancellationToken.None));
        Assert.Equal(1, deleted);
        var left = await site.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Type == "reports.scheduled").Select(m => m.Subject).ToListAsync());
        Assert.Equal(["Báo cáo tuần — old-dead", "Báo cáo tuần — old-pending", "Báo cáo tuần — young-sent"], left.Order(StringComparer.Ordinal));
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<NotificationAttachment>().CountAsync(a => a.FileName == "bao-cao.xlsx")));
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<NotificationAttachment>().CountAsync(a => a.OutboxMessageId != null && db.Set<OutboxMessage>().Any(m => m.Id == a.OutboxMessageId))));
        Assert.Equal(0, await site.WithServiceAsync<NotificationRetention, int>(r => r.DeleteSentMessagesAsync(CancellationToken.None)));
    }

    private const string DispatchJobKind = "notifications.dispatch";

    /// <summary>
    /// An exam's results come due together: each submit queued a dispatch job, but one run sends everything due, so it marks
    /// the other due ones covered instead of leaving them to run and find nothing; a job queued just before the run (whose
    /// unit of work might not have been visible to it) still runs itself. Every notice goes out once.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ADispatchRun_CoversTheOtherDueDispatchJobs_ButNotOneQueuedJustBeforeIt(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var worker = site.Services.GetRequiredService<JobWorker>();
        clock.Advance(TimeSpan.FromSeconds(121));
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        var before = await site.WithDbAsync(db => db.Set<JobRecord>().MaxAsync(j => (long?)j.Id)) ?? 0;
        var cadres = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var cadre = await NewUserAsync(site, $"can.bo.{i}@example.vn", $"Cán bộ xã {i}");
            cadres.Add(cadre);
            await NotifyAsync(site, Assigned(cadre, "Kỳ kiểm tra chữ ký số")); // one unit of work each: five dispatch jobs, held 120 s
        }

        clock.Advance(TimeSpan.FromSeconds(121));
        await NotifyAsync(site, new Notice(cadres[0], NoticeTypes.PasswordReset, new { Link = "http://localhost:5000/Account/ResetPassword?token=abc", ExpiresHours = 24 }));
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        var jobs = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind == DispatchJobKind && j.Id > before).OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(6, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(JobState.Succeeded, j.State));
        var covered = jobs.Where(j => j.Result?.Contains("coveredBy", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(jobs.Skip(1).Take(4).Select(j => j.Id), covered.Select(j => j.Id));
        Assert.All(covered, j => Assert.Equal($"{{\"coveredBy\":{jobs[0].Id}}}", j.Result));
        Assert.Equal([jobs[0].Id, jobs[5].Id], jobs.Except(covered).Select(j => j.Id)); // the first ran, and the one queued just before it

        foreach (var cadre in cadres)
        {
            Assert.Single(await MessagesToAsync(site, cadre), m => m.Type == NoticeTypes.CourseAssigned);
        }

        Assert.Single(await MessagesToAsync(site, cadres[0]), m => m.Type == NoticeTypes.PasswordReset);
    }

    /// <summary>The set-based path (reminders to a province): rows written in the caller's transaction, exactly as Notify writes them.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task NotifyMany_WritesTheRowsNotifyWould_InTheCallersTransactionOnly(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        clock.Advance(TimeSpan.FromSeconds(121));
        await DispatchAsync(site);
        var hoa = await NewUserAsync(site, "pham.thi.hoa@example.vn", "Phạm Thị Hòa");
        var lan = await NewUserAsync(site, "do.thi.lan@example.vn", "Đỗ Thị Lan", culture: "en");
        var title = "Ứng dụng chữ ký số — «{{ x }}» 100% (bản 2) \\ ữ ặ ỵ";
        Notice[] many = [Assigned(hoa, title, groupKey: "course:7", slug: "chu-ky-so"), Assigned(lan, title, groupKey: "course:7", slug: "chu-ky-so")];

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();

            // Outside a transaction it refuses; a transaction that rolls back leaves nothing.
            await Assert.ThrowsAsync<InvalidOperationException>(() => notifier.NotifyManyAsync(many));
            await Assert.ThrowsAsync<Rollback>(() => db.InTransactionAsync(async ct =>
            {
                await notifier.NotifyManyAsync(many, ct);
                await db.SaveChangesAsync(ct);
                throw new Rollback();
            }, CancellationToken.None));
            db.ChangeTracker.Clear();
            Assert.Empty(await NotificationsOfAsync(site, hoa));

            await db.InTransactionAsync(async ct =>
            {
                await notifier.NotifyManyAsync(many, ct);
                await db.SaveChangesAsync(ct);
            }, CancellationToken.None);
        }

        // The same notice through Notify, for comparison: every stored column is equal.
        var reference = await NewUserAsync(site, "tran.van.nam@example.vn", "Trần Văn Nam");
        await NotifyAsync(site, Assigned(reference, title, groupKey: "course:7", slug: "chu-ky-so"));
        var bulk = Assert.Single(await NotificationsOfAsync(site, hoa));
        var one = Assert.Single(await NotificationsOfAsync(site, reference));
        Assert.Equal(
            (one.Type, one.ModelJson, one.Link, one.GroupKey, one.CreatedUtc, one.Email, one.EmailDueUtc, one.ReadUtc, one.OutboxMessageId),
            (bulk.Type, bulk.ModelJson, bulk.Link, bulk.GroupKey, bulk.CreatedUtc, bulk.Email, bulk.EmailDueUtc, bulk.ReadUtc, bulk.OutboxMessageId));
        Assert.Equal(DateTimeKind.Utc, bulk.EmailDueUtc.Kind);

        // They go out after the hold like any other: one message each, the title intact.
        clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(3, (await DispatchAsync(site)).Messages);
        Assert.Contains(title, Assert.Single(await MessagesToAsync(site, hoa)).Subject, StringComparison.Ordinal);
        Assert.Contains(title, Assert.Single(await MessagesToAsync(site, lan)).TextBody, StringComparison.Ordinal);
    }

    private static readonly Learning.Notifications.Services.Dispatch.DispatchResult DispatchResultNone = Learning.Notifications.Services.Dispatch.DispatchResult.None;
}
