using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Quizzes.Data;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14 pages as a commune manager sees them: numbers, drill-down, 404 outside the scope whatever the URL says, localized
/// errors, saved reports only for their owner, audited hour targets, training hours against them.</summary>
public sealed partial class ReportPagesTests
{
    private const string Manager = "ql.anhduong@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CommuneManager_SeesTheirCommune_DrillsDown_NeverAnotherCommune(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        var staff = await site.RunRecipeAsync($$"""
            { "name": "report-staff", "steps": [
              { "name": "users", "users": [ { "email": "{{Manager}}", "displayName": "Quản lý Ánh Dương", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "rp-A" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        using var manager = await site.SignedInAsync(Manager);

        // The top of their scope: commune A alone, its numbers, both charts as SVG with their tables, export links.
        var report = await manager.GetAsync($"/Admin/Reports?course={f.C1}");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Contains("Phường Ánh Dương", report.Body, StringComparison.Ordinal);
        Assert.Contains("data-count=\"assigned\">5</a>", report.Body, StringComparison.Ordinal);
        Assert.Contains("data-count=\"Overdue\">1</a>", report.Body, StringComparison.Ordinal);
        Assert.Contains("data-count=\"NotStarted\">1</a>", report.Body, StringComparison.Ordinal); // c4: overdue, and counted as not started

        // The same scope by course: a row for C1 with its numbers, whose counts lead to that course's cadres, whose name to its unit breakdown.
        var byCourse = await manager.GetAsync("/Admin/Reports?by=course");
        Assert.Contains($"data-course=\"{f.C1}\"", byCourse.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Admin/Reports/Cadres?course={f.C1}&amp;status=NotStarted\" data-count=\"NotStarted\">1</a>", byCourse.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Admin/Reports?course={f.C1}\" class=\"break-down\"", byCourse.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"by-unit\"", byCourse.Body, StringComparison.Ordinal);
        using (var xlsx = await manager.Http.GetAsync("/Admin/Reports/Export?format=xlsx&by=course"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var zip = new System.IO.Compression.ZipArchive(await xlsx.Content.ReadAsStreamAsync());
            using var groups = new StreamReader(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open());
            var cells = await groups.ReadToEndAsync();
            Assert.Matches("(?s)>Khóa học<.*>Chữ ký số công vụ rp<", cells); // the groups sheet: a row per course, under its header
        }

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Admin/Reports/Export?format=pdf&by=course")).Status);

        // The manager asks who has not started: c4, whose due date has passed, is there, marked overdue; so is their export row.
        var notStarted = await manager.GetAsync($"/Admin/Reports/Cadres?course={f.C1}&status=NotStarted");
        Assert.Contains($"<tr data-cadre=\"{f.CadreIds["c4"]}\" data-status=\"NotStarted\" data-overdue=\"true\">", notStarted.Body, StringComparison.Ordinal);
        var notStartedCsv = System.Text.Encoding.UTF8.GetString(await manager.Http.GetByteArrayAsync($"/Admin/Reports/Export?format=csv&course={f.C1}&status=NotStarted"));
        Assert.Contains(",Chưa bắt đầu – quá hạn,", notStartedCsv, StringComparison.Ordinal);
        Assert.Contains("<svg", report.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-rate\"", report.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-weekly\"", report.Body, StringComparison.Ordinal);
        Assert.Contains("/admin/reports/export?format=xlsx&amp;course=" + f.C1, report.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xã Bến Đò", report.Body, StringComparison.Ordinal);

        // Another commune, the province above, a unit of another commune, by URL: 404 on every page.
        foreach (var url in new[]
        {
            $"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.CommuneB)}",
            $"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.Province)}",
            $"/Admin/Reports?course={f.C1}&unit={Learning.Reports.Services.Completion.ReportFilter.LastUnitId(f.CommuneB)}",
            $"/Admin/Reports/Cadres?course={f.C1}&under={Uri.EscapeDataString(f.CommuneB)}&status=NotStarted",
            $"/Admin/Reports/Cadre/{f.CadreIds["c5"]}",
            $"/Admin/Reports/Hours?under={Uri.EscapeDataString(f.CommuneB)}",
        })
        {
            var outside = await manager.GetAsync(url);
            Assert.True(outside.Status == HttpStatusCode.NotFound, $"{url}: {outside.Status}");
            Assert.DoesNotContain("Cán bộ C5", outside.Body, StringComparison.Ordinal);
        }

        // A reversed due range: a clear Vietnamese error, no numbers.
        var reversed = await manager.GetAsync($"/Admin/Reports?course={f.C1}&dueFrom=2026-12-31&dueTo=2026-12-01");
        Assert.Equal(HttpStatusCode.OK, reversed.Status);
        Assert.Contains("Hạn hoàn thành: ngày bắt đầu phải trước ngày kết thúc.", reversed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"groups\"", reversed.Body, StringComparison.Ordinal);

        // Drill-down from unit A1's "in progress": c3 alone; then their record.
        var underA = await manager.GetAsync($"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.CommuneA)}");
        var link = WebUtility.HtmlDecode(Regex.Match(underA.Body, $"<tr data-path=\"{Regex.Escape(f.UnitA1)}\">.*?<a href=\"([^\"]+)\" data-count=\"InProgress\">1</a>", RegexOptions.Singleline).Groups[1].Value);
        Assert.StartsWith("/Admin/Reports/Cadres?", link, StringComparison.Ordinal);
        var list = await manager.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([f.CadreIds["c3"].ToString(System.Globalization.CultureInfo.InvariantCulture)], CadreIds().Matches(list.Body).Select(m => m.Groups[1].Value));
        // Filtered to "in progress", every number leads to the cadres behind it: "assigned" to the in-progress ones (c3), and a
        // status the filter leaves empty is a plain 0, not a link to that status's cadres.
        var filtered = await manager.GetAsync($"/Admin/Reports?course={f.C1}&under={Uri.EscapeDataString(f.CommuneA)}&status=InProgress");
        var row = Regex.Match(filtered.Body, $"<tr data-path=\"{Regex.Escape(f.UnitA1)}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<a data-count=\"Completed\">0</a>", row, StringComparison.Ordinal);
        var assigned = WebUtility.HtmlDecode(Regex.Match(row, "<a href=\"([^\"]+)\" data-count=\"assigned\">1</a>").Groups[1].Value);
        Assert.Equal([f.CadreIds["c3"].ToString(System.Globalization.CultureInfo.InvariantCulture)], CadreIds().Matches((await manager.GetAsync(assigned)).Body).Select(m => m.Groups[1].Value));

        var record = await manager.GetAsync($"/Admin/Reports/Cadre/{f.CadreIds["c1"]}");
        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Contains("Chữ ký số công vụ rp", record.Body, StringComparison.Ordinal);
        Assert.Contains("Cán bộ C1 Đặng", record.Body, StringComparison.Ordinal);

        // Saved reports: theirs only; the filter is stored normalised.
        var saved = await manager.PostFormAsync($"/Admin/Reports?course={f.C1}", [new("name", "Chưa học – Ánh Dương"), new("kind", "completion"), new("query", $"status=notstarted&course={f.C1}")], "/Admin/Reports/Saved");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var mine = await manager.GetAsync("/Admin/Reports/Saved");
        Assert.Contains("Chưa học – Ánh Dương", mine.Body, StringComparison.Ordinal);
        Assert.Contains($"/Admin/Reports?course={f.C1}&amp;status=NotStarted", mine.Body, StringComparison.Ordinal);
        var noName = await manager.PostFormAsync($"/Admin/Reports?course={f.C1}", [new("name", " "), new("kind", "completion"), new("query", "")], "/Admin/Reports/Saved");
        Assert.Equal(HttpStatusCode.BadRequest, noName.Status);
        Assert.Contains("Hãy đặt tên cho báo cáo", noName.Body, StringComparison.Ordinal);
        using (var admin = await site.SignedInAsync(TestSite.AdminEmail))
        {
            Assert.DoesNotContain("Chưa học – Ánh Dương", (await admin.GetAsync("/Admin/Reports/Saved")).Body, StringComparison.Ordinal);
            var id = await site.WithDbAsync(db => db.Set<SavedReport>().Select(r => r.Id).SingleAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Admin/Reports", [], $"/Admin/Reports/Saved?handler=Delete&id={id}")).Status);
        }

        // Hour targets apply to the whole site: a commune's manager reads them and may not set one; the administrator's bad
        // input is refused in Vietnamese, nothing stored; a good one stored and audited; c1 (C1 + C3, 4 h each, in November 2026)
        // meets 8 hours, c2 (4 h) does not.
        var readOnly = await manager.GetAsync("/Admin/Reports/Targets?year=2026");
        Assert.Equal(HttpStatusCode.OK, readOnly.Status);
        Assert.Contains("id=\"targets-read-only\"", readOnly.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"target-form\"", readOnly.Body, StringComparison.Ordinal);
        var refused = await manager.PostFormAsync("/Admin/Reports", [new("year", "2026"), new("position", "Công chức"), new("hours", "8")], "/Admin/Reports/Targets?year=2026");
        Assert.True(refused.Status == HttpStatusCode.Forbidden || refused.Location?.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true, $"{refused.Status} {refused.Location}");
        using var administrator = await site.SignedInAsync(TestSite.AdminEmail);
        var bad = await administrator.PostFormAsync("/Admin/Reports/Targets?year=2026", [new("year", "2026"), new("position", "Công chức"), new("hours", "nhiều")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Số giờ phải là một số", bad.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<HourTarget>().CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await administrator.PostFormAsync("/Admin/Reports/Targets?year=2026", [new("year", "2026"), new("position", "Công chức"), new("hours", "8")])).Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.hour-target.saved" && a.UserName == TestSite.AdminEmail)));
        var hours = await manager.GetAsync("/Admin/Reports/Hours?year=2026");
        Assert.Equal(HttpStatusCode.OK, hours.Status);
        Assert.Matches($"(?s)<tr data-cadre=\"{f.CadreIds["c1"]}\" data-hours=\"8\">.*?status-completed", hours.Body);
        Assert.Matches($"(?s)<tr data-cadre=\"{f.CadreIds["c2"]}\" data-hours=\"4\">.*?status-overdue", hours.Body);
        Assert.DoesNotContain($"data-cadre=\"{f.CadreIds["c5"]}\"", hours.Body, StringComparison.Ordinal);

        // Only those below their target: c2 (4 of 8 hours) stays, c1 (8 of 8) goes; the page, its export and a saved copy keep the choice.
        var below = await manager.GetAsync("/Admin/Reports/Hours?year=2026&below=true");
        Assert.Contains($"data-cadre=\"{f.CadreIds["c2"]}\"", below.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-cadre=\"{f.CadreIds["c1"]}\"", below.Body, StringComparison.Ordinal);
        Assert.Contains("/Admin/Reports/Hours/Export?format=csv&amp;year=2026&amp;below=true", below.Body, StringComparison.Ordinal);
        var belowCsv = Encoding.UTF8.GetString(await manager.Http.GetByteArrayAsync("/Admin/Reports/Hours/Export?format=csv&year=2026&below=true"));
        Assert.Contains(",4,8,Chưa đạt", belowCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(",Đạt\r\n", belowCsv, StringComparison.Ordinal);

        // The hours as files, every row of the manager's scope (the page shows 50 at a time): C5 of another commune absent, the
        // target's outcome in words; a PDF, a bad year or another commune refused.
        Assert.Contains("/Admin/Reports/Hours/Export?format=xlsx&amp;year=2026", hours.Body, StringComparison.Ordinal);
        var csv = await manager.Http.GetByteArrayAsync("/Admin/Reports/Hours/Export?format=csv&year=2026");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Mã cán bộ,Họ và tên,Chức vụ,Đơn vị,Số giờ,Chỉ tiêu (giờ),Đạt chỉ tiêu", lines[0]);
        Assert.Equal(Regex.Count(hours.Body, "<tr data-cadre="), lines.Length - 1);
        Assert.Matches($"^{f.CadreIds["c1"]},Cán bộ C1 Đặng[^,]*,[^,]*,[^,]*,8,8,Đạt$", lines.Single(l => l.StartsWith(f.CadreIds["c1"] + ",", StringComparison.Ordinal)));
        Assert.EndsWith(",4,8,Chưa đạt", lines.Single(l => l.StartsWith(f.CadreIds["c2"] + ",", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith(f.CadreIds["c5"] + ",", StringComparison.Ordinal));
        using (var xlsx = await manager.Http.GetAsync("/Admin/Reports/Hours/Export?format=xlsx&year=2026"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal("gio-boi-duong-nam-2026.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            using var zip = new System.IO.Compression.ZipArchive(await xlsx.Content.ReadAsStreamAsync());
            using var book = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
            Assert.Contains("Giờ bồi dưỡng 2026", await book.ReadToEndAsync(), StringComparison.Ordinal);
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var cells = await sheet.ReadToEndAsync();
            Assert.Contains("Chưa đạt", cells, StringComparison.Ordinal);
            Assert.DoesNotContain("Cán bộ C5", cells, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/Admin/Reports/Hours/Export?format=pdf&year=2026")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/Admin/Reports/Hours/Export?format=csv&year=hai")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Admin/Reports/Hours/Export?format=csv&year=2026&under={Uri.EscapeDataString(f.CommuneB)}")).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DemoLearningStep_GivesDemoCadresWeeksOfLearning_MarkedSimulated_AndRemovableLeavingRealLearning(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);

        // The setup's real enrolments (its standing assignments), one with a lesson done: the simulation leaves them alone and
        // its removal keeps them.
        var before = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.UserId, e.CourseId, e.Source, e.CompletedLessons, e.CompletedUtc }).ToListAsync());
        Assert.NotEmpty(before);
        var real = (before[0].UserId, before[0].CourseId);
        await site.WithDbAsync(async db =>
        {
            db.Add(new LessonProgress { UserId = real.UserId, CourseId = real.CourseId, LessonKey = "real-lesson", FirstOpenedUtc = DateTime.UtcNow.AddDays(-1), CompletedUtc = DateTime.UtcNow.AddDays(-1), CompletedBy = "learner" });
            return await db.SaveChangesAsync();
        });
        var progressBefore = await site.WithDbAsync(db => db.Set<LessonProgress>().OrderBy(p => p.Id).Select(p => p.LessonKey).ToListAsync());

        var result = await site.RunRecipeAsync("""{ "name": "demo-learning", "steps": [ { "name": "reports-demo-learning", "weeks": 6, "seed": 3 } ] }""");
        Assert.True(result.Succeeded, result.Error);
        var now = DateTime.UtcNow;
        var enrollments = await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().ToListAsync());
        var simulated = enrollments.Where(e => e.Source == EnrollmentSource.Simulated).ToList();
        Assert.Equal(enrollments.Count - before.Count, simulated.Count);
        Assert.Equal(before, enrollments.Where(e => e.Source != EnrollmentSource.Simulated).OrderBy(e => e.Id).Select(e => new { e.UserId, e.CourseId, e.Source, e.CompletedLessons, e.CompletedUtc }));
        Assert.True(simulated.Count(e => e.CompletedUtc != null) >= 3, $"{simulated.Count} enrolments");
        Assert.Contains(simulated, e => e.CompletedUtc == null && e.CompletedLessons > 0);
        Assert.Contains(simulated, e => e.CompletedUtc == null && e.DueUtc < now);
        Assert.True(simulated.Where(e => e.CompletedUtc != null).Select(e => e.CompletedUtc!.Value.Date).Distinct().Count() > 2);

        // Each simulated enrolment's lessons done are lesson rows, back-dated between its enrolment and now.
        var progress = await site.WithDbAsync(db => db.Set<LessonProgress>().AsNoTracking().ToListAsync());
        foreach (var e in simulated)
        {
            var rows = progress.Where(p => p.UserId == e.UserId && p.CourseId == e.CourseId).ToList();
            Assert.Equal(e.CompletedLessons, rows.Count);
            Assert.All(rows, r => Assert.True(r.CompletedUtc >= e.EnrolledUtc && r.CompletedUtc <= now && r.CompletedBy == "simulated", $"{r.LessonKey} {r.CompletedUtc:u}"));
            if (e.CompletedUtc is { } done)
            {
                Assert.Equal(done, rows.Max(r => r.CompletedUtc));
            }
        }

        // Quiz attempts graded as real ones are: a quiz lesson done was passed when it was completed; a failed try completed nothing.
        var attempts = await site.WithDbAsync(db => db.Set<Attempt>().AsNoTracking().Include(a => a.Questions).Where(a => a.CourseId != null).ToListAsync());
        var quizzes = await site.WithDbAsync(db => db.Set<Quiz>().AsNoTracking().ToDictionaryAsync(q => q.Id, q => q.PassPercent));
        Assert.True(attempts.Count >= 3, $"{attempts.Count} attempts");
        Assert.Contains(attempts, a => !a.Passed);
        foreach (var a in attempts)
        {
            Assert.Equal(AttemptState.Finished, a.State);
            Assert.True(a.Questions.Count > 0 && a.Questions.All(q => q.Response != null && q.Fraction != null), $"attempt {a.Id}");
            Assert.Equal(a.Passed, 100 * a.Score / a.MaxScore >= quizzes[a.QuizId]);
            Assert.True(a.SubmittedUtc <= now && a.StartedUtc < a.SubmittedUtc && a.GradedUtc == a.SubmittedUtc);
            var lessonDone = progress.SingleOrDefault(p => p.UserId == a.UserId && p.CourseId == a.CourseId && p.LessonKey == a.LessonKey);
            if (a.Passed)
            {
                Assert.Equal(lessonDone?.CompletedUtc, a.SubmittedUtc);
            }
            else
            {
                Assert.True(lessonDone is null || lessonDone.CompletedUtc > a.SubmittedUtc);
            }
        }

        Assert.Contains(simulated, e => attempts.Any(a => a.UserId == e.UserId && a.CourseId == e.CourseId && a.Passed));

        // Simulated learning never e-mails a cadre: the overdue simulated enrolments above get no reminder.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<Learning.Courses.Services.DueReminders>().SendAsync()).Overdue);
        }
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.demo-learning")));

        // Every report page says the data is simulated; the administrator is offered its removal, a manager is not.
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var staff = await site.RunRecipeAsync("""
            { "name": "demo-staff", "steps": [
              { "name": "users", "users": [ { "email": "ql.demo@example.vn", "displayName": "Quản lý Nha Trang", "roles": ["Manager"] } ] },
              { "name": "scopes", "scopes": [ { "user": "ql.demo@example.vn", "unit": "KH-NHATRANG" } ] } ] }
            """);
        Assert.True(staff.Succeeded, staff.Error);
        using var manager = await site.SignedInAsync("ql.demo@example.vn");
        foreach (var url in new[] { "/Admin/Reports", "/Admin/Reports/Readiness", "/Admin/Reports/Hours" })
        {
            var page = await manager.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("id=\"demo-notice\"", page.Body, StringComparison.Ordinal);
            Assert.Contains("dữ liệu học tập MÔ PHỎNG", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/Admin/Reports/Demo\"", page.Body, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/Admin/Reports/Demo\"", (await admin.GetAsync("/Admin/Reports")).Body, StringComparison.Ordinal);
        var dashboard = await admin.GetAsync("/Admin");
        Assert.Contains("Dữ liệu học tập MÔ PHỎNG", dashboard.Body, StringComparison.Ordinal); // the dashboard says it first
        Assert.Contains("href=\"/Admin/Reports/Demo\"", dashboard.Body, StringComparison.Ordinal);
        var cadreId = await site.WithDbAsync(db => db.Set<Learning.Organization.Data.Cadre>().Where(c => c.UserId == simulated[0].UserId).Select(c => c.Id).SingleAsync());
        var record = await admin.GetAsync($"/Admin/Reports/Cadre/{cadreId}");
        Assert.Contains("data-simulated=\"true\"", record.Body, StringComparison.Ordinal);
        var facts = await admin.GetAsync("/Admin/Reports/Demo");
        Assert.Contains($"{simulated.Count} lượt ghi danh", facts.Body, StringComparison.Ordinal);
        Assert.Contains($"{attempts.Count} lượt làm bài kiểm tra", facts.Body, StringComparison.Ordinal);

        // Not confirmed: refused, nothing removed. Confirmed: removed, and a second submit removes nothing more.
        var unconfirmed = await admin.PostFormAsync("/Admin/Reports/Demo", []);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Contains("Hãy đánh dấu ô xác nhận", unconfirmed.Body, StringComparison.Ordinal);
        Assert.Equal(enrollments.Count, await site.WithDbAsync(db => db.Set<Enrollment>().CountAsync()));
        var removed = await admin.PostFormAsync("/Admin/Reports/Demo", [new("confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal($"/Admin/Reports/Demo?removed={simulated.Count}&attempts={attempts.Count}", removed.Location);
        Assert.Contains("id=\"removed\"", (await admin.GetAsync(removed.Location!)).Body, StringComparison.Ordinal);
        var again = await admin.PostFormAsync("/Admin/Reports/Targets", [new("confirm", "true")], "/Admin/Reports/Demo"); // the page has no form now
        Assert.Equal("/Admin/Reports/Demo?removed=0&attempts=0", again.Location);

        Assert.Equal(before, await site.WithDbAsync(db => db.Set<Enrollment>().AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.UserId, e.CourseId, e.Source, e.CompletedLessons, e.CompletedUtc }).ToListAsync()));
        Assert.Equal(progressBefore, await site.WithDbAsync(db => db.Set<LessonProgress>().OrderBy(p => p.Id).Select(p => p.LessonKey).ToListAsync()));
        Assert.Contains("real-lesson", progressBefore);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync(a => a.CourseId != null)));
        Assert.Null(await site.WithDbAsync(db => db.Set<Learning.Data.Entities.SiteSettings>().Select(s => s.SimulatedLearningUtc).SingleAsync()));
        Assert.DoesNotContain("id=\"demo-notice\"", (await manager.GetAsync("/Admin/Reports")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Dữ liệu học tập MÔ PHỎNG", (await admin.GetAsync("/Admin")).Body, StringComparison.Ordinal);
        Assert.Equal(2, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reports.demo-learning-removed")));

        var bad = await site.RunRecipeAsync("""{ "name": "demo-learning", "steps": [ { "name": "reports-demo-learning", "weeks": 99 } ] }""");
        Assert.False(bad.Succeeded);
    }

    [GeneratedRegex("<tr data-cadre=\"([0-9]+)\"")]
    private static partial Regex CadreIds();
}
