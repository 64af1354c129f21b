using System.Diagnostics;
using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Data.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Learning.Bench;

/// <summary>
/// The data behind bench/verify.sh: the bench province (Seeder) with N cadres each enrolled in one course, every enrolment
/// completed, and a certificate issued for each through the product's issue job (render, sign, store, notify), run here by
/// the job worker. Writes the issued serials (one a line; FILE.unknown: well-formed serials never issued) and one issued PDF, as downloaded, for the upload case.
/// </summary>
internal static class VerifyBench
{
    public static async Task SeedAsync(IServiceProvider services, int count, string serialsPath, string pdfPath)
    {
        var watch = Stopwatch.StartNew();
        await new Seeder(services).RunAsync(4, count, count);
        var now = DateTime.UtcNow;
        List<(string UserId, int CourseId)> completed;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            await db.Set<Enrollment>().ExecuteUpdateAsync(s => s
                .SetProperty(e => e.CompletedUtc, now)
                .SetProperty(e => e.CompletedLessons, e => e.RequiredLessons));
            completed = (await db.Set<Enrollment>().OrderBy(e => e.UserId).Select(e => new { e.UserId, e.CourseId }).ToListAsync())
                .Select(e => (e.UserId, e.CourseId)).ToList();
            var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
            foreach (var (userId, courseId) in completed)
            {
                await issuer.QueueAsync(new IssueRequest(userId, courseId, null));
            }
        }

        var worker = services.GetRequiredService<JobWorker>();
        for (var i = 0; i < (completed.Count * 3) + 100 && await worker.RunOnceAsync(CancellationToken.None); i++)
        {
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var serials = await db.Set<Certificate>().OrderBy(c => c.Id).Select(c => c.Serial).ToListAsync();
            if (serials.Count != completed.Count)
            {
                throw new InvalidOperationException($"{completed.Count} completions but {serials.Count} certificates issued.");
            }

            await File.WriteAllLinesAsync(serialsPath, serials);
            // Well-formed serials (the check symbol right) that were never issued: each one is a database lookup that finds nothing.
            var issued = serials.ToHashSet();
            var unknown = Enumerable.Range(0, 1000).Select(_ => CertificateSerial.New(now.Year)).Where(s => !issued.Contains(s)).Distinct().Take(200);
            await File.WriteAllLinesAsync(serialsPath + ".unknown", unknown);
            var pdf = await db.Set<CertificateFile>().OrderBy(f => f.CertificateId).Select(f => f.Pdf).FirstAsync();
            await File.WriteAllBytesAsync(pdfPath, pdf);
            Console.WriteLine($"{serials.Count} certificates issued through the issue job in {watch.Elapsed.TotalSeconds:0.0} s (seed included); sample PDF {pdf.Length / 1024.0:0.0} KiB");
        }
    }
}
