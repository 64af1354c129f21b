using System.Net;
using System.Text.Json;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Quizzes.QuizFixtures;

namespace Learning.IntegrationTests.Notifications;

/// <summary>
/// Issue 12: the notifications other modules send through <see cref="INotifier"/>, in the transaction of the change that causes
/// them: course assigned, due-date reminders, quiz result, weekly manager digest. Asserted as the rows they write.
/// </summary>
public sealed class NotificationHooksTests
{
    private const string CourseSlug = "khoa-thong-bao";
    private const string CommuneManager = "ql.nhatrang@example.vn";
    private const string ProvinceManager = "ql.khanhhoa@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Assignment_NotifiesEachEnrolledCadreOnce_WithTitleLinkAndDueDate(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedCourseAsync(site, "KH-NHATRANG", dueDays: 30);

        var enrolled = await EnrolledAsync(site);
        Assert.NotEmpty(enrolled);
        var notices = await NoticesAsync(site, NoticeTypes.CourseAssigned);
        Assert.Equal(enrolled.Order(), notices.Select(n => n.UserId).Order());
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == CourseSlug).Select(c => c.Id).SingleAsync());
        var due = await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.CourseId == courseId).Select(e => e.DueUtc).FirstAsync());
        Assert.All(notices, n =>
        {
            Assert.Equal($"/Courses/{CourseSlug}", n.Link);
            Assert.Equal($"course:{courseId}", n.GroupKey);
            using var model = JsonDocument.Parse(n.ModelJson);
            Assert.Equal("Khóa học có thông báo", model.RootElement.GetProperty("course").GetProperty("title").GetString());
            Assert.Equal($"/Courses/{CourseSlug}", model.RootElement.GetProperty("course").GetProperty("url").GetString());
            Assert.Equal(CourseNotices.FormatDay(due), model.RootElement.GetProperty("due_date").GetString());
            Assert.Matches(@"^\d\d/\d\d/\d{4}$", model.RootElement.GetProperty("due_date").GetString()!);
        });

        // The cohort sync again, and a second rule reaching the same cadres: nobody is enrolled or told twice.
        Assert.Equal(0, await site.WithServiceAsync<EnrollmentService, int>(s => s.SyncAssignmentsAsync(null, default)));
        var result = await site.RunRecipeAsync($$"""
            { "name": "again", "steps": [ { "name": "assignments", "assignments": [ { "course": "{{CourseSlug}}", "target": "unit", "value": "KH-NHATRANG-VP" } ] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(notices.Count, (await NoticesAsync(site, NoticeTypes.CourseAssigned)).Count);

        // Withdrawn (the rule removed), then assigned again: back in, and told again.
        var someone = enrolled[0];
        await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.UserId == someone && e.CourseId == courseId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.WithdrawnUtc, DateTime.UtcNow)));
        Assert.Equal(1, await site.WithServiceAsync<EnrollmentService, int>(s => s.SyncAssignmentsAsync(courseId, default)));
        Assert.Equal(2, (await NoticesAsync(site, NoticeTypes.CourseAssigned)).Count(n => n.UserId == someone));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Reminders_7Days1DayOverdue_EachOnce_NoneForCompleted_ReArmedWhenTheDueDateMoves(DatabaseProvider provider)
    {
        // 10:00 in Vietnam; the assignment's due date is 23:59 local, 10 days on: 10 d 14 h ahead.
        var clock = new ManualClock { Now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(3), TimeSpan.Zero) };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        await SeedCourseAsync(site, "KH-NHATRANG", dueDays: 10);
        var enrolled = await EnrolledAsync(site);
        Assert.True(enrolled.Count >= 3, $"{enrolled.Count} cadres");
        var (done, moved) = (enrolled[0], enrolled[1]);
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == CourseSlug).Select(c => c.Id).SingleAsync());
        await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.UserId == done && e.CourseId == courseId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedUtc, clock.Now.UtcDateTime)));
        var open = enrolled.Count - 1;

        Assert.Equal(new DueReminderCounts(0, 0, 0), await RemindAsync(site));

        clock.Advance(TimeSpan.FromDays(4)); // 6 d 14 h left
        await RunRecurringAsync(site, "courses.due-reminders");
        Assert.Equal(open, (await NoticesAsync(site, NoticeTypes.DueIn7Days)).Count);
        Assert.Equal(new DueReminderCounts(0, 0, 0), await RemindAsync(site)); // a rerun, a retry, a second node: nothing new
        clock.Advance(TimeSpan.FromHours(30));
        Assert.Equal(new DueReminderCounts(0, 0, 0), await RemindAsync(site));

        clock.Advance(TimeSpan.FromDays(6) - TimeSpan.FromHours(30)); // 14 h left
        Assert.Equal(new DueReminderCounts(0, open, 0), await RemindAsync(site));
        Assert.Equal(new DueReminderCounts(0, 0, 0), await RemindAsync(site));

        clock.Advance(TimeSpan.FromDays(1)); // 10 h overdue
        await RunRecurringAsync(site, "courses.due-reminders");
        await RunRecurringAsync(site, "courses.due-reminders");
        Assert.Equal(open, (await NoticesAsync(site, NoticeTypes.Overdue)).Count);

        foreach (var type in new[] { NoticeTypes.DueIn7Days, NoticeTypes.DueIn1Day, NoticeTypes.Overdue })
        {
            var notices = await NoticesAsync(site, type);
            Assert.Equal(enrolled.Where(u => u != done).Order(), notices.Select(n => n.UserId).Order());
            Assert.All(notices, n => Assert.Equal($"/Courses/{CourseSlug}", n.Link));
        }

        var sevenDays = (await NoticesAsync(site, NoticeTypes.DueIn7Days))[0];
        using (var model = JsonDocument.Parse(sevenDays.ModelJson))
        {
            Assert.Equal(6, model.RootElement.GetProperty("days_left").GetInt32()); // 10:00 on day 4 → 23:59 on day 10, by the calendar
            Assert.Equal("Khóa học có thông báo", model.RootElement.GetProperty("course").GetProperty("title").GetString());
        }

        // The due date moves 3 days on: the 7-day reminder is armed again for that enrolment alone, then the others in turn.
        await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.UserId == moved && e.CourseId == courseId).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueUtc, clock.Now.UtcDateTime.AddDays(3))));
        Assert.Equal(new DueReminderCounts(1, 0, 0), await RemindAsync(site));
        Assert.Equal(new DueReminderCounts(0, 0, 0), await RemindAsync(site));
        clock.Advance(TimeSpan.FromDays(2.5));
        Assert.Equal(new DueReminderCounts(0, 1, 0), await RemindAsync(site));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new DueReminderCounts(0, 0, 1), await RemindAsync(site));
        Assert.Equal(2, (await NoticesAsync(site, NoticeTypes.Overdue)).Count(n => n.UserId == moved));
        Assert.Empty(await site.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == done && n.Type != NoticeTypes.CourseAssigned && n.Link == "/Courses/" + CourseSlug).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task QuizSubmit_NotifiesTheResultOnce_EvenWithAConcurrentDoubleSubmit(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var quiz = await SeedAsync(site);
        await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Id == quiz.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.OverallFeedback,
            Learning.Quizzes.Services.OverallFeedback.Write([new(0, "Hãy ôn lại."), new(90, "**Rất tốt**: Anh/Chị sẵn sàng dùng _chữ ký số_.")]))));
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var userId = await UserIdAsync(site, NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var questions = await QuestionsAsync(site, attempt);
        var (status, _) = await SaveAsync(cadre, attempt, new { answers = questions.Select(q => new { slot = q.Key, seq = 1L, response = RightAnswer(q.Value) }).ToList() });
        Assert.Equal(HttpStatusCode.OK, status);
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body, "__RequestVerificationToken");

        var submits = await Task.WhenAll(SubmitAsync(cadre, attempt, token), SubmitAsync(cadre, attempt, token), SubmitAsync(cadre, attempt, token));
        Assert.All(submits, s => Assert.Equal($"/Quizzes/Review/{attempt}", s.Location));

        var notice = Assert.Single(await NoticesAsync(site, NoticeTypes.QuizResult, thisCourse: false));
        Assert.Equal(userId, notice.UserId);
        Assert.Equal($"/Quizzes/Review/{attempt}", notice.Link);
        using var model = JsonDocument.Parse(notice.ModelJson);
        var root = model.RootElement;
        Assert.Equal("Kiểm tra chữ ký số", root.GetProperty("quiz").GetProperty("title").GetString());
        Assert.Equal($"/Quizzes/Review/{attempt}", root.GetProperty("quiz").GetProperty("url").GetString());
        Assert.Equal(Bank.Length, root.GetProperty("score").GetDecimal());
        Assert.Equal(Bank.Length, root.GetProperty("max_score").GetDecimal());
        Assert.Equal(100, root.GetProperty("percent").GetDecimal());
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("Rất tốt: Anh/Chị sẵn sàng dùng chữ ký số.", root.GetProperty("feedback").GetString()); // the 100 % band, without its marks
        Assert.Equal(AttemptState.Finished, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.State).SingleAsync()));
    }

    /// <summary>Issue 11: the review options hold the marks back until the quiz closes; the result notice does too.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task QuizSubmit_WhenTheReviewHidesTheMarks_TheNoticeCarriesNoScore(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var quiz = await SeedAsync(site);
        await site.WithDbAsync(db => db.Set<Quiz>().Where(q => q.Id == quiz.Id).ExecuteUpdateAsync(s => s
            .SetProperty(q => q.ReviewImmediately, ReviewItems.Answer)
            .SetProperty(q => q.ReviewLaterOpen, ReviewItems.Answer)
            .SetProperty(q => q.OverallFeedback, Learning.Quizzes.Services.OverallFeedback.Write([new(0, "Dải điểm thấp"), new(90, "Dải điểm cao")]))));
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var attempt = await StartFromLessonAsync(cadre);
        var questions = await QuestionsAsync(site, attempt);
        var token = Field((await cadre.GetAsync($"/Quizzes/Attempt/{attempt}")).Body, "__RequestVerificationToken");
        var pending = JsonSerializer.Serialize(questions.Select(q => new { slot = q.Key, seq = 1L, response = RightAnswer(q.Value) }), JsonSerializerOptions.Web);
        Assert.Equal($"/Quizzes/Review/{attempt}", (await SubmitAsync(cadre, attempt, token, pending)).Location);
        Assert.Equal(Bank.Length, await site.WithDbAsync(db => db.Set<Attempt>().Where(a => a.PublicId == attempt).Select(a => a.Score).SingleAsync()));

        var notice = Assert.Single(await NoticesAsync(site, NoticeTypes.QuizResult, thisCourse: false));
        using var model = JsonDocument.Parse(notice.ModelJson);
        var root = model.RootElement;
        Assert.False(root.GetProperty("show_marks").GetBoolean());
        foreach (var name in (string[])["score", "max_score", "percent", "passed", "feedback"]) // the feedback would tell the band
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(name).ValueKind);
        }

        Assert.DoesNotContain("review-score", (await cadre.GetAsync($"/Quizzes/Review/{attempt}")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ManagerDigest_CommuneManagerSeesOnlyTheirCommune_ProvinceManagerTheProvince(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(3), TimeSpan.Zero) };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var staff = await site.RunRecipeAsync($$"""
            { "name": "digest-staff", "steps": [
              { "name": "users", "users": [
                { "email": "{{ProvinceManager}}", "displayName": "Quản lý Khánh Hòa", "roles": ["Manager"] },
                { "email": "{{CommuneManager}}", "displayName": "Quản lý Nha Trang", "roles": ["Manager"] },
                { "email": "ql.khongphamvi@example.vn", "displayName": "Quản lý chưa có phạm vi", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [
                { "user": "{{ProvinceManager}}", "unit": "KH" },
                { "user": "{{CommuneManager}}", "unit": "KH-NHATRANG" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        await SeedCourseAsync(site, "KH", dueDays: 5);
        var nhaTrang = await site.WithServiceAsync<Learning.Organization.ICadreDirectory, List<string>>(async d =>
            (await d.FindAsync(new Learning.Organization.CadreFilter(UnderPath: (await d.FindUnitAsync("KH-NHATRANG"))!.Path))).Where(c => c.UserId is not null).Select(c => c.UserId!).ToList());
        var khanhHoa = await site.WithServiceAsync<Learning.Organization.ICadreDirectory, List<string>>(async d =>
            (await d.FindAsync(new Learning.Organization.CadreFilter(UnderPath: (await d.FindUnitAsync("KH"))!.Path))).Where(c => c.UserId is not null).Select(c => c.UserId!).ToList());
        var someone = nhaTrang[0];
        await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.UserId == someone && db.Set<Course>().Any(c => c.Id == e.CourseId && c.Slug == CourseSlug))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedUtc, clock.Now.UtcDateTime)));
        clock.Advance(TimeSpan.FromDays(7));
        var now = clock.Now.UtcDateTime;
        var expected = await site.WithDbAsync(async db =>
        {
            var active = db.Set<Enrollment>().Where(e => e.WithdrawnUtc == null && nhaTrang.Contains(e.UserId));
            return (Total: await active.CountAsync(), Completed: await active.CountAsync(e => e.CompletedUtc != null), Overdue: await active.CountAsync(e => e.CompletedUtc == null && e.DueUtc < now));
        });
        Assert.True(expected.Overdue >= nhaTrang.Count - 1, $"{expected}");
        var all = await site.WithDbAsync(db => db.Set<Enrollment>().CountAsync(e => e.WithdrawnUtc == null && khanhHoa.Contains(e.UserId)));

        await RunRecurringAsync(site, "courses.manager-digest");

        var digests = await NoticesAsync(site, NoticeTypes.ManagerDigest, thisCourse: false);
        Assert.Equal(2, digests.Count); // the manager without a scope gets none
        var communeId = await UserIdAsync(site, CommuneManager);
        using (var commune = JsonDocument.Parse(digests.Single(d => d.UserId == communeId).ModelJson))
        {
            var root = commune.RootElement;
            Assert.Equal("Nha Trang", root.GetProperty("scope").GetString());
            Assert.Equal(expected.Total, root.GetProperty("total").GetInt32());
            Assert.Equal(expected.Completed, root.GetProperty("completed").GetInt32());
            Assert.Equal(Math.Round(expected.Completed * 100m / expected.Total, 1), root.GetProperty("percent").GetDecimal());
            Assert.Equal(expected.Overdue, root.GetProperty("overdue_count").GetInt32());
            var overdue = root.GetProperty("overdue").EnumerateArray().ToList();
            Assert.Equal(Math.Min(expected.Overdue, ManagerDigest.OverdueListSize), overdue.Count);
            Assert.Equal(expected.Overdue - overdue.Count, root.GetProperty("overdue_more").GetInt32());
            Assert.Equal(nhaTrang.Count - 1, overdue.Count(o => o.GetProperty("course").GetString() == "Khóa học có thông báo"));
            var nhaTrangUnits = new[] { "Văn phòng HĐND và UBND", "Phòng Kinh tế, Hạ tầng và Đô thị", "Trung tâm Phục vụ hành chính công" };
            Assert.All(overdue, o =>
            {
                Assert.Contains(o.GetProperty("unit").GetString(), nhaTrangUnits);
                Assert.False(string.IsNullOrEmpty(o.GetProperty("name").GetString()));
            });
            Assert.DoesNotContain("Lê Văn Thắng", commune.RootElement.GetRawText(), StringComparison.Ordinal); // a cadre of Thanh Hóa
        }

        var provinceId = await UserIdAsync(site, ProvinceManager);
        using (var province = JsonDocument.Parse(digests.Single(d => d.UserId == provinceId).ModelJson))
        {
            Assert.Equal(all, province.RootElement.GetProperty("total").GetInt32());
            Assert.True(all > expected.Total);
        }

        Assert.All(digests, d => Assert.Equal("/Admin/Courses/Assign", d.Link));
    }

    /// <summary>A published course of one lesson, assigned by a standing rule to a unit with a due date.</summary>
    private static async Task SeedCourseAsync(TestSite site, string unit, int dueDays)
    {
        var result = await site.RunRecipeAsync($$"""
            { "name": "notice-test", "steps": [
              { "name": "courses", "courses": [ { "slug": "{{CourseSlug}}", "title": "Khóa học có thông báo", "publish": true, "modules": [
                { "key": "m1", "title": "Chương 1", "lessons": [ { "key": "l1", "title": "Bài 1", "kind": "article", "markdown": "Nội dung", "minutes": 5 } ] } ] } ] },
              { "name": "assignments", "assignments": [ { "course": "{{CourseSlug}}", "target": "unit", "value": "{{unit}}", "dueDays": {{dueDays}} } ] }
            ] }
            """);
        Assert.True(result.Succeeded, result.Error);
    }

    private static Task<List<string>> EnrolledAsync(TestSite site) =>
        site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.WithdrawnUtc == null && db.Set<Course>().Any(c => c.Id == e.CourseId && c.Slug == CourseSlug))
            .OrderBy(e => e.Id).Select(e => e.UserId).ToListAsync());

    /// <summary>The notifications of a type about the test's course (the setup recipe assigns its own courses too), or all of the type.</summary>
    private static Task<List<Notification>> NoticesAsync(TestSite site, string type, bool thisCourse = true) =>
        site.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.Type == type && (!thisCourse || n.Link == "/Courses/" + CourseSlug)).OrderBy(n => n.Id).ToListAsync());

    private static Task<DueReminderCounts> RemindAsync(TestSite site) =>
        site.WithServiceAsync<DueReminders, DueReminderCounts>(r => r.SendAsync(DueReminders.DefaultPageSize, default));

    /// <summary>An occurrence of a recurring job, queued as the scheduler queues it and run by the worker (the test host runs none).</summary>
    private static async Task RunRecurringAsync(TestSite site, string name)
    {
        var id = await site.Services.GetRequiredService<RecurringScheduler>().RunNowAsync(name, CancellationToken.None);
        Assert.NotNull(id);
        var worker = site.Services.GetRequiredService<JobWorker>();
        for (var i = 0; i < 20 && await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == id).Select(j => j.State).SingleAsync()) is JobState.Queued or JobState.Running; i++)
        {
            await worker.RunOnceAsync(CancellationToken.None);
        }

        var job = await site.WithDbAsync(db => db.Set<JobRecord>().SingleAsync(j => j.Id == id));
        Assert.True(job.State == JobState.Succeeded, $"{name}: {job.State} {job.Error}");
    }
}
