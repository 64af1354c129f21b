using System.Net;
using Learning.Courses;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Courses;

public sealed class LearningTests
{
    private const string NhaTrangCadre = "nguyen.thi.ngoc.diep.nhatrang@example.vn";
    private const string HacThanhCadre = "le.van.thang.hacthanh@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Search_WithoutDiacritics_FindsCoursesAndLessons(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);

        var hits = await site.WithServiceAsync<CourseSearch, IReadOnlyList<SearchHit>>(s => s.SearchAsync("chu ky so"));
        var slugs = await site.WithDbAsync(db => db.Set<Course>().Where(c => hits.Select(h => h.CourseId).Contains(c.Id)).Select(c => c.Slug).ToListAsync());
        Assert.Contains("chu-ky-so-cong-vu", slugs);
        Assert.Contains(hits, h => h.LessonKey is not null);

        Assert.NotEmpty(await site.WithServiceAsync<CourseSearch, IReadOnlyList<SearchHit>>(s => s.SearchAsync("VNEID định danh")));
        Assert.NotEmpty(await site.WithServiceAsync<CourseSearch, IReadOnlyList<SearchHit>>(s => s.SearchAsync("bien lai dien t")));
        Assert.Empty(await site.WithServiceAsync<CourseSearch, IReadOnlyList<SearchHit>>(s => s.SearchAsync("xyzzy khongco")));

        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var page = await cadre.GetAsync("/Courses?q=chu+ky+so");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Chữ ký số", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"catalog-empty\"", page.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AssignedCadre_CompletesEveryRequiredLesson_AndTheCourseCompletesOnce(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == NhaTrangCadre).Select(u => u.Id).SingleAsync());

        var my = await cadre.GetAsync("/Learning");
        Assert.Contains("/Courses/dich-vu-cong-truc-tuyen", my.Body, StringComparison.Ordinal);
        Assert.Contains("Hạn hoàn thành", my.Body, StringComparison.Ordinal);

        var published = (await site.WithServiceAsync<CourseReader, PublishedCourse?>(r => r.FindPublishedAsync("dich-vu-cong-truc-tuyen")))!;
        var courseId = published.Course.Id;
        foreach (var lesson in published.Snapshot.Lessons)
        {
            var page = await cadre.GetAsync($"/Courses/dich-vu-cong-truc-tuyen/{lesson.Key}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            if (lesson.MarkAsDone)
            {
                Assert.Contains("id=\"mark-done\"", page.Body, StringComparison.Ordinal);
                var url = $"/Courses/dich-vu-cong-truc-tuyen/{lesson.Key}";
                var done = await cadre.PostFormAsync(url, [], url + "?handler=Done");
                Assert.Equal(HttpStatusCode.Redirect, done.Status);
            }

            var enrollment = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().SingleAsync(e => e.UserId == userId && e.CourseId == courseId));
            Assert.Equal(lesson.Key, enrollment.LastLessonKey);
        }

        // Reading completes every lesson but the quiz, which the quizzes module reports when the cadre passes it.
        var read = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().SingleAsync(e => e.UserId == userId && e.CourseId == courseId));
        Assert.Null(read.CompletedUtc);
        var quiz = Assert.Single(published.Snapshot.Lessons, l => l.Kind == "quiz");
        Assert.Equal(read.RequiredLessons - 1, read.CompletedLessons);
        Assert.True(await site.WithServiceAsync<ILessonCompletionReporter, bool>(r => r.ReportCompletedAsync(userId, courseId, quiz.Key, "quiz")));

        var final = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().SingleAsync(e => e.UserId == userId && e.CourseId == courseId));
        Assert.NotNull(final.CompletedUtc);
        Assert.Equal(final.RequiredLessons, final.CompletedLessons);
        Assert.Equal(published.Snapshot.RequiredKeys.Count, final.RequiredLessons);
        var completedPage = await cadre.GetAsync("/Learning");
        Assert.Contains("id=\"completed\"", completedPage.Body, StringComparison.Ordinal);

        // Visiting again changes nothing.
        await cadre.GetAsync($"/Courses/dich-vu-cong-truc-tuyen/{published.Snapshot.Lessons.First().Key}");
        Assert.Equal(final.CompletedUtc, await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.Id == final.Id).Select(e => e.CompletedUtc).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task MarkAsDone_DoubleSubmittedAtOnce_CountsOnce(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var published = (await site.WithServiceAsync<CourseReader, PublishedCourse?>(r => r.FindPublishedAsync("dich-vu-cong-truc-tuyen")))!;
        var lesson = published.Snapshot.Lessons.First(l => l.MarkAsDone);
        var url = $"/Courses/dich-vu-cong-truc-tuyen/{lesson.Key}";
        var token = await cadre.TokenAsync(url);

        async Task<HttpStatusCode> Post()
        {
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            using var response = await cadre.Http.PostAsync(url + "?handler=Done", form);
            return response.StatusCode;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Post()));

        Assert.All(results, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var rows = await site.WithDbAsync(db => db.Set<LessonProgress>().CountAsync(p => p.CourseId == published.Course.Id && p.LessonKey == lesson.Key && p.CompletedUtc != null));
        Assert.Equal(1, rows);
        var enrollment = await site.WithDbAsync(db => db.Set<Enrollment>().SingleAsync(e => e.CourseId == published.Course.Id && e.UserId == db.Users.Single(u => u.Email == NhaTrangCadre).Id));
        var completed = await site.WithDbAsync(db => db.Set<LessonProgress>().CountAsync(p => p.UserId == enrollment.UserId && p.CourseId == published.Course.Id && p.CompletedUtc != null));
        Assert.Equal(completed, enrollment.CompletedLessons);
    }

    /// <summary>Every lesson of a course opened at once (tabs, a retry storm): each completion counts, the course completes once.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DifferentLessonsCompletedAtOnce_AllCount_AndTheCourseCompletesOnce(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var lessons = string.Join(",", Enumerable.Range(1, 8).Select(i => $$"""{ "key": "b{{i}}", "title": "Bài {{i}}", "kind": "article", "markdown": "Nội dung {{i}}" }"""));
        var recipe = await site.RunRecipeAsync($$"""{ "name": "cung-luc", "steps": [ { "name": "courses", "courses": [ { "slug": "cung-luc", "title": "Cùng lúc", "publish": true, "modules": [ { "key": "m", "title": "Chương", "lessons": [ {{lessons}} ] } ] } ] } ] }""");
        Assert.True(recipe.Succeeded, recipe.Error);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        Assert.Equal(HttpStatusCode.Redirect, (await cadre.PostFormAsync("/Courses/cung-luc", [], "/Courses/cung-luc?handler=Enrol")).Status);

        var pages = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => cadre.GetAsync($"/Courses/cung-luc/b{i}")));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == NhaTrangCadre).Select(u => u.Id).SingleAsync());
        var enrollment = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().SingleAsync(e => e.UserId == userId && e.CourseId == db.Set<Course>().Single(c => c.Slug == "cung-luc").Id));
        Assert.Equal((8, 8), (enrollment.CompletedLessons, enrollment.RequiredLessons));
        Assert.NotNull(enrollment.CompletedUtc);
        Assert.Equal(8, await site.WithDbAsync(db => db.Set<LessonProgress>().CountAsync(p => p.UserId == userId && p.CourseId == enrollment.CourseId && p.CompletedUtc != null)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SequentialCourse_LaterLessonByUrl_IsRefusedAndRecordsNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var cadre = await site.SignedInAsync(HacThanhCadre);
        var enrol = await cadre.PostFormAsync("/Courses/chu-ky-so-cong-vu", [], "/Courses/chu-ky-so-cong-vu?handler=Enrol");
        Assert.Equal(HttpStatusCode.Redirect, enrol.Status);

        var published = (await site.WithServiceAsync<CourseReader, PublishedCourse?>(r => r.FindPublishedAsync("chu-ky-so-cong-vu")))!;
        Assert.True(published.Snapshot.Sequential);
        var later = published.Snapshot.Lessons.Skip(3).First(l => l.Required);

        var page = await cadre.GetAsync($"/Courses/chu-ky-so-cong-vu/{later.Key}");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("id=\"lesson-locked\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(later.Html[..Math.Min(60, later.Html.Length)], page.Body, StringComparison.Ordinal);
        Assert.False(await site.WithDbAsync(db => db.Set<LessonProgress>().AnyAsync(p => p.LessonKey == later.Key)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DraftAndUnpublishedContent_IsInvisibleToLearners_UntilPublished_AndProgressSurvivesNewVersion(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        var published = (await site.WithServiceAsync<CourseReader, PublishedCourse?>(r => r.FindPublishedAsync("dich-vu-cong-truc-tuyen")))!;
        var first = published.Snapshot.Lessons.First();
        await cadre.GetAsync($"/Courses/dich-vu-cong-truc-tuyen/{first.Key}");

        // The trainer edits the draft: learners still see version 1.
        await site.WithDbAsync(async db =>
        {
            var lesson = await db.Set<Lesson>().SingleAsync(l => l.CourseId == published.Course.Id && l.Key == first.Key);
            lesson.Title = "Tiêu đề mới trong bản nháp";
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("Tiêu đề mới trong bản nháp", (await cadre.GetAsync($"/Courses/dich-vu-cong-truc-tuyen/{first.Key}")).Body, StringComparison.Ordinal);

        var result = await site.WithServiceAsync<CoursePublisher, PublishResult>(p => p.PublishAsync(published.Course.Id, "test"));
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Version);
        Assert.Contains("Tiêu đề mới trong bản nháp", (await cadre.GetAsync($"/Courses/dich-vu-cong-truc-tuyen/{first.Key}")).Body, StringComparison.Ordinal);
        var enrollment = await site.WithDbAsync(db => db.Set<Enrollment>().SingleAsync(e => e.CourseId == published.Course.Id && e.UserId == db.Users.Single(u => u.Email == NhaTrangCadre).Id));
        Assert.True(enrollment.CompletedLessons >= 1);

        // A draft course is a 404 for learners, by any URL.
        var draft = await site.WithServiceAsync<CourseAuthoring, Course>(a => a.CreateAsync("Khóa học nháp bí mật", CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/Courses/{draft.Slug}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/Courses/{draft.Slug}/anything")).Status);
        Assert.DoesNotContain("Khóa học nháp bí mật", (await cadre.GetAsync("/Courses")).Body, StringComparison.Ordinal);

        // Unpublishing hides a published course.
        await site.WithServiceAsync<CoursePublisher, int>(async p => { await p.UnpublishAsync(published.Course.Id); return 0; });
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/Courses/dich-vu-cong-truc-tuyen/{first.Key}")).Status);
    }
}
