using System.Net;
using System.Text;
using System.Text.Json;
using Learning.Certificates.Data;
using Learning.Certificates.Services.Issuing;
using Learning.Courses;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.Notifications;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Certificates.CertificateFixtures;

namespace Learning.IntegrationTests.Certificates;

/// <summary>Issue 13, issuing: completion → exactly one signed certificate, its notification with the PDF, reissue, revoke, scope.</summary>
public sealed class IssuingTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Completion_HandlerTwice_TwoWorkersRacing_IssueExactlyOneSignedCertificate_WithItsNotification(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (userId, courseId) = await SeedAsync(site);

        await CompleteAsync(site, userId, courseId);
        // The completion event delivered a second time, as the contract allows.
        var handler = site.Services.CreateScope().ServiceProvider.GetServices<ICourseCompletionHandler>()
            .Single(h => h.GetType().Name == "CompletionCertificates"); // the issuing handler (readiness has its own)
        await handler.OnCourseCompletedAsync(new CourseCompleted(userId, courseId, CourseSlug, CourseTitle, DateTime.UtcNow), CancellationToken.None);
        Assert.Equal(2, (await IssueJobsAsync(site)).Count);

        // Two nodes take one job each at the same moment.
        var nodeA = site.Services.GetRequiredService<JobWorker>();
        var nodeB = ActivatorUtilities.CreateInstance<JobWorker>(site.Services);
        await Task.WhenAll(nodeA.RunOnceAsync(CancellationToken.None), nodeB.RunOnceAsync(CancellationToken.None));
        await DrainJobsAsync(site);

        var jobs = await IssueJobsAsync(site);
        Assert.All(jobs, j => Assert.True(j.State == JobState.Succeeded, $"{j.State}: {j.Error}"));
        var certificate = Assert.Single(await CertificatesAsync(site, userId));
        Assert.Equal(CertificateState.Valid, certificate.State);
        Assert.Equal(VietnameseName, certificate.HolderName);
        Assert.Equal(CourseTitle, certificate.Title);
        Assert.Equal(4, certificate.Hours);
        Assert.Equal(1, certificate.CourseVersion);
        Assert.True(CertificateSerial.IsValid(certificate.Serial), certificate.Serial);

        // The file: signed (pdfsig), the whole document covered, the stored hash, the holder's name with every mark.
        var pdf = await DownloadAsync(site, certificate.Serial);
        Assert.Equal(certificate.Sha256Hex, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        var (_, signatures) = await PopplerAsync("pdfsig", pdf);
        Assert.Contains("Signature is Valid", signatures);
        Assert.Contains("Total document signed", signatures);
        var (exit, text) = await PopplerAsync("pdftotext", pdf, "-enc", "UTF-8");
        Assert.Equal(0, exit);
        Assert.Contains(VietnameseName, text.Normalize(NormalizationForm.FormC));
        Assert.Contains(certificate.Serial, text);

        // One notification, with this very PDF attached and the verification link in its model.
        var notices = await site.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Include(n => n.Attachments)
            .Where(n => n.UserId == userId && n.Type == NoticeTypes.CertificateIssued).ToListAsync());
        var notice = Assert.Single(notices);
        var attachment = Assert.Single(notice.Attachments);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(pdf, attachment.Content);
        using var model = JsonDocument.Parse(notice.ModelJson);
        Assert.Equal(certificate.Serial, model.RootElement.GetProperty("certificate").GetProperty("code").GetString());
        Assert.EndsWith("/verify/" + certificate.Serial, model.RootElement.GetProperty("certificate").GetProperty("url").GetString());

        // Later completion events and sweeps change nothing.
        await handler.OnCourseCompletedAsync(new CourseCompleted(userId, courseId, CourseSlug, CourseTitle, DateTime.UtcNow), CancellationToken.None);
        await DrainJobsAsync(site);
        Assert.Single(await CertificatesAsync(site, userId));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Sweep_IssuesForACompletionWhoseJobWasNeverQueued_Once(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (userId, courseId) = await SeedAsync(site);
        // The process died between the completion's commit and the queueing of its job.
        await site.WithDbAsync(db => db.Set<Learning.Courses.Data.Enrollment>().Where(e => e.UserId == userId && e.CourseId == courseId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedUtc, DateTime.UtcNow.AddHours(-1))));
        Assert.Empty(await IssueJobsAsync(site));

        for (var run = 0; run < 2; run++)
        {
            var id = await site.Services.GetRequiredService<RecurringScheduler>().RunNowAsync("certificates.sweep", CancellationToken.None);
            Assert.NotNull(id);
            await DrainJobsAsync(site);
        }

        var certificate = Assert.Single(await CertificatesAsync(site, userId));
        Assert.Equal(courseId, certificate.CourseId);
        Assert.Empty(await CertificatesAsync(site, "nobody"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RevokeReissueExpiry_StatesShowOnTheVerifyPage_AndOutsideTheScopeIsNotFound(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (userId, courseId) = await SeedAsync(site);
        await CompleteAsync(site, userId, courseId);
        await DrainJobsAsync(site);
        var first = Assert.Single(await CertificatesAsync(site, userId));
        var anonymous = site.CreateSiteClient();
        var page = await anonymous.GetAsync("/verify/" + first.Serial.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-status=\"valid\"", page.Body);
        Assert.Contains(WebUtility.HtmlEncode(VietnameseName), page.Body);

        // The manager of another commune: not found, and nothing changes.
        using (var other = await site.SignedInAsync(OtherCommuneManager))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/Admin/Certificates/Issued/" + first.Serial)).Status);
            var refused = await other.PostFormAsync("/verify", [new("reason", "Thử")], $"/Admin/Certificates/Issued/{first.Serial}?handler=Revoke");
            Assert.Equal(HttpStatusCode.NotFound, refused.Status);
            var list = await other.GetAsync("/Admin/Certificates/Issued?q=" + Uri.EscapeDataString("dang thi"));
            Assert.DoesNotContain(first.Serial, list.Body);
        }

        Assert.Equal(CertificateState.Valid, Assert.Single(await CertificatesAsync(site, userId)).State);

        using var manager = await site.SignedInAsync(CommuneManager);
        // Found by the name without its marks.
        Assert.Contains(first.Serial, (await manager.GetAsync("/Admin/Certificates/Issued?q=" + Uri.EscapeDataString("dang thi y ngoc"))).Body);

        // Reissue: the old one superseded and pointing to the new one, still verifiable as such.
        var details = await manager.GetAsync("/Admin/Certificates/Issued/" + first.Serial);
        Assert.True(details.Status == HttpStatusCode.OK, details.Body);
        Assert.Contains("id=\"revoke-form\"", details.Body);
        await site.WithDbAsync(db => db.Set<Learning.Organization.Data.Cadre>().Where(c => c.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(c => c.FullName, "Đặng Thị Diệp")));
        var reissued = await manager.PostFormAsync($"/Admin/Certificates/Issued/{first.Serial}", [], $"/Admin/Certificates/Issued/{first.Serial}?handler=Reissue");
        Assert.Equal(HttpStatusCode.Redirect, reissued.Status);
        await DrainJobsAsync(site);
        var all = await CertificatesAsync(site, userId);
        Assert.Equal(2, all.Count);
        var (old, current) = (all[0], all[1]);
        Assert.Equal(CertificateState.Superseded, old.State);
        Assert.Equal(current.Serial, old.SupersededBySerial);
        Assert.Equal(first.Serial, current.SupersedesSerial);
        Assert.Equal("Đặng Thị Diệp", current.HolderName);
        page = await anonymous.GetAsync("/verify/" + old.Serial);
        Assert.Contains("data-status=\"superseded\"", page.Body);
        Assert.Contains($"href=\"/verify/{current.Serial}\"", page.Body);
        Assert.True(await site.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "certificates.reissued" && a.Subject == current.Serial)));

        // Revoke: a reason is required; then revoked with the reason and the date, audited.
        var noReason = await manager.PostFormAsync($"/Admin/Certificates/Issued/{current.Serial}", [new("reason", "  ")], $"/Admin/Certificates/Issued/{current.Serial}?handler=Revoke");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("lý do thu hồi", noReason.Body);
        var reason = "Kết quả kiểm tra bị hủy (gian lận)";
        var revoked = await manager.PostFormAsync($"/Admin/Certificates/Issued/{current.Serial}", [new("reason", reason)], $"/Admin/Certificates/Issued/{current.Serial}?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        page = await anonymous.GetAsync("/verify/" + current.Serial);
        Assert.Contains("data-status=\"revoked\"", page.Body);
        Assert.Contains(WebUtility.HtmlEncode(reason), page.Body);
        var audit = await site.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "certificates.revoked" && a.Subject == current.Serial));
        Assert.Equal(reason, audit.Details);
        Assert.NotNull(audit.UserId);

        // Expired: the date passed.
        await site.WithDbAsync(db => db.Set<Certificate>().Where(c => c.Id == current.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CertificateState.Valid).SetProperty(c => c.ExpiresUtc, DateTime.UtcNow.AddDays(-1))));
        page = await anonymous.GetAsync("/verify/" + current.Serial);
        Assert.Contains("data-status=\"expired\"", page.Body);
        Assert.Contains("hết hiệu lực", page.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Download_OwnerOnly_AndMyCertificatesListsThem(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (userId, courseId) = await SeedAsync(site, "Phạm Văn {{ Tên }} 100% (Nhóm) \\ Hạ");
        await CompleteAsync(site, userId, courseId);
        await DrainJobsAsync(site);
        var certificate = Assert.Single(await CertificatesAsync(site, userId));
        var pdf = await DownloadAsync(site, certificate.Serial);
        var (_, text) = await PopplerAsync("pdftotext", pdf, "-enc", "UTF-8");
        Assert.Contains("Phạm Văn {{ Tên }} 100% (Nhóm) \\ Hạ", text.Normalize(NormalizationForm.FormC));

        using (var owner = await site.SignedInAsync(CadreEmail))
        {
            var mine = await owner.GetAsync("/Certificates");
            Assert.Equal(HttpStatusCode.OK, mine.Status);
            Assert.Contains($"/Certificates/Download/{certificate.Serial}", mine.Body);
            Assert.Contains($"/verify/{certificate.Serial}", mine.Body);
        }

        using var someoneElse = await site.SignedInAsync("nguyen.thi.ngoc.diep.nhatrang@example.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await someoneElse.GetAsync("/Certificates/Download/" + certificate.Serial)).Status);
        Assert.DoesNotContain(certificate.Serial, (await someoneElse.GetAsync("/Certificates")).Body);
        using var manager = await site.SignedInAsync(CommuneManager);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/Certificates/Download/" + certificate.Serial)).Status);
    }
}
