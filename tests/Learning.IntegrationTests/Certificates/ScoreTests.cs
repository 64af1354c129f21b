using System.Text;
using Learning.Certificates.Data;
using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using static Learning.IntegrationTests.Certificates.CertificateFixtures;

namespace Learning.IntegrationTests.Certificates;

/// <summary>Issue 13: the <c>score</c> placeholder prints the best graded quiz result of the course, or of the path's final quiz.</summary>
public sealed class ScoreTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Score_IsTheBestGradedAttempt_OfTheCourseQuiz_OrOfThePathsFinalQuiz(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var quizId = await site.WithDbAsync(db => db.Set<Quiz>().OrderBy(q => q.Id).Select(q => q.Id).FirstAsync());

        // A course: graded attempts of 70 % and 85 %; an attempt in progress and one of another learner, both higher, do not count.
        var (userId, courseId) = await SeedAsync(site);
        var other = await ReadinessFixtures.UserIdAsync(site, ReadinessFixtures.NhaTrangCadre);
        await AttemptsAsync(site, quizId, userId, courseId, (7m, 10m, true), (17m, 20m, true), (10m, 10m, false));
        await AttemptsAsync(site, quizId, other, courseId, (10m, 10m, true));
        await CompleteAsync(site, userId, courseId);
        await DrainJobsAsync(site);
        var certificate = Assert.Single(await CertificatesAsync(site, userId));
        Assert.Equal(85d, certificate.ScorePercent);
        var (_, text) = await PopplerAsync("pdftotext", await DownloadAsync(site, certificate.Serial), "-enc", "UTF-8", "-raw");
        Assert.Contains("kết quả 85%", OneLine(text));

        // A certificate issued before scores were printed (no score stored) gets it at its reissue.
        await site.WithDbAsync(db => db.Set<Certificate>().Where(c => c.Id == certificate.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ScorePercent, (double?)null)));
        await site.WithServiceAsync<Learning.Certificates.Services.Issuing.CertificateIssuer, long>(i => i.QueueAsync(new Learning.Certificates.Services.Issuing.IssueRequest(userId, courseId, null, Reissue: certificate.Serial)));
        await DrainJobsAsync(site);
        var reissued = Assert.Single(await CertificatesAsync(site, userId), c => c.State == CertificateState.Valid);
        Assert.Equal(certificate.Serial, reissued.SupersedesSerial);
        Assert.Equal(85d, reissued.ScorePercent);

        // The readiness path: 95 % in its first course, then its final quiz (in its last course) at 75 % and 81.25 %: the final
        // quiz's best is the path's score. Each course's own certificate has that course's score.
        var ids = await site.WithDbAsync(db => db.Set<Course>().Where(c => ReadinessFixtures.PathCourses.Contains(c.Slug))
            .ToDictionaryAsync(c => c.Slug, c => c.Id));
        var first = ids[ReadinessFixtures.PathCourses[0]];
        var last = ids[ReadinessFixtures.PathCourses[^1]];
        await AttemptsAsync(site, quizId, other, first, (19m, 20m, true));
        await AttemptsAsync(site, quizId, other, last, (12m, 16m, true), (13m, 16m, true));
        await ReadinessFixtures.CompletePathAsync(site, ReadinessFixtures.NhaTrangCadre);
        await DrainJobsAsync(site);
        var issued = await CertificatesAsync(site, other);
        var path = Assert.Single(issued, c => c.PathId is not null);
        Assert.Equal(81.25, path.ScorePercent);
        Assert.Equal(95d, Assert.Single(issued, c => c.CourseId == first).ScorePercent);
        Assert.Equal(81.25, Assert.Single(issued, c => c.CourseId == last).ScorePercent);
        Assert.Null(Assert.Single(issued, c => c.CourseId == ids[ReadinessFixtures.PathCourses[1]]).ScorePercent); // no graded attempt there
        var (_, pathText) = await PopplerAsync("pdftotext", await DownloadAsync(site, path.Serial, ReadinessFixtures.NhaTrangCadre), "-enc", "UTF-8", "-raw");
        Assert.Contains("kết quả 81,25%", OneLine(pathText));
    }

    /// <summary>The extracted text with its line breaks (where the body wrapped) as spaces.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Normalize(NormalizationForm.FormC).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    /// <summary>Attempts as the quiz module stores them: each (score, max, submitted and graded or still in progress).</summary>
    private static async Task AttemptsAsync(TestSite site, int quizId, string userId, int courseId, params (decimal Score, decimal Max, bool Graded)[] attempts)
    {
        var now = DateTime.UtcNow;
        await site.WithDbAsync(async db =>
        {
            var number = await db.Set<Attempt>().CountAsync(a => a.QuizId == quizId && a.UserId == userId);
            foreach (var (score, max, graded) in attempts)
            {
                db.Add(new Attempt
                {
                    PublicId = Guid.NewGuid(),
                    QuizId = quizId,
                    UserId = userId,
                    Number = ++number,
                    CourseId = courseId,
                    State = graded ? AttemptState.Finished : AttemptState.InProgress,
                    StartedUtc = now.AddMinutes(-30),
                    SubmittedUtc = graded ? now.AddMinutes(-5) : null,
                    GradedUtc = graded ? now.AddMinutes(-5) : null,
                    PageCount = 1,
                    Score = score,
                    MaxScore = max,
                    Passed = graded && score / max >= 0.8m,
                });
            }

            return await db.SaveChangesAsync();
        });
    }
}
