using System.Net;
using Learning.Certificates.Services.Readiness;
using Learning.Courses;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Certificates;

/// <summary>Real completions (enrolment, then every required lesson reported as the lesson modules report them, quiz included).</summary>
public static class ReadinessFixtures
{
    /// <summary>The setup recipe's readiness path for Khánh Hòa and Thanh Hóa.</summary>
    public static readonly string[] PathCourses = ["chu-ky-so-cong-vu", "dich-vu-cong-truc-tuyen", "bieu-mau-dien-tu-so-hoa"];

    public const string NhaTrangCadre = "nguyen.thi.ngoc.diep.nhatrang@example.vn";
    public const string NhaTrangCadreName = "Nguyễn Thị Ngọc Diệp";
    public const string CamRanhCadre = "dang.thi.kim.oanh.camranh@example.vn";
    public const string HacThanhCadre = "le.van.thang.hacthanh@example.vn";

    public static Task<string> UserIdAsync(TestSite site, string email) =>
        site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static async Task<int> CadreIdAsync(TestSite site, string email) =>
        (await site.WithServiceAsync<ICadreDirectory, IReadOnlyList<CadreProfile>>(d => d.FindAsync(new CadreFilter(Email: email)))).Single().CadreId;

    public static async Task CompleteCourseAsync(TestSite site, string userId, string slug)
    {
        var published = (await site.WithServiceAsync<CourseReader, PublishedCourse?>(r => r.FindPublishedAsync(slug)))!;
        var outcome = await site.WithServiceAsync<EnrollmentService, EnrolOutcome>(async s =>
            await s.SelfEnrolAsync(userId, await site.WithDbAsync(db => db.Set<Course>().AsNoTracking().SingleAsync(c => c.Slug == slug))));
        Assert.True(outcome is EnrolOutcome.Enrolled or EnrolOutcome.AlreadyEnrolled, $"{slug}: {outcome}");
        foreach (var key in published.Snapshot.RequiredKeys)
        {
            var kind = published.Snapshot.Lessons.Single(l => l.Key == key).Kind;
            Assert.True(await site.WithServiceAsync<ILessonCompletionReporter, bool>(r => r.ReportCompletedAsync(userId, published.Course.Id, key, kind)), $"{slug}/{key}");
        }

        Assert.NotNull(await site.WithDbAsync(db => db.Set<Enrollment>().Where(e => e.UserId == userId && e.CourseId == published.Course.Id).Select(e => e.CompletedUtc).SingleAsync()));
    }

    public static async Task CompletePathAsync(TestSite site, string email)
    {
        var userId = await UserIdAsync(site, email);
        foreach (var slug in PathCourses)
        {
            await CompleteCourseAsync(site, userId, slug);
        }
    }

    public static async Task RunJobsAsync(TestSite site)
    {
        var worker = site.Services.GetRequiredService<JobWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }
    }

    public static async Task<ReadinessState> StateAsync(TestSite site, string email)
    {
        var id = await CadreIdAsync(site, email);
        var item = await site.WithServiceAsync<ReadinessBoard, CadreReadiness?>(b => b.FindAsync(OrgScope.Everything, id));
        return item!.State;
    }

    public static async Task<(HttpStatusCode Status, byte[] Body, string? ContentType)> DownloadAsync(SiteClient client, string url)
    {
        using var response = await client.Http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString());
    }
}
