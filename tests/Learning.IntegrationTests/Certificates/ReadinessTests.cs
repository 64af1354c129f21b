using System.Net;
using System.Text;
using System.Text.Json;
using Learning.Certificates.Data;
using Learning.Certificates.Jobs;
using Learning.Certificates.Services.Readiness;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.IntegrationTests.Security;
using Learning.Notifications;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Certificates.ReadinessFixtures;

namespace Learning.IntegrationTests.Certificates;

/// <summary>
/// Issue 13, digital-signature readiness: states from real enrolments and completions (the quiz lesson included), the cadre told
/// once, requests, issued signatures and their expiry by the clock, the province's requirement, scope, export and import.
/// </summary>
public sealed class ReadinessTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Completion_MakesReady_ToldOnce_ThenRequestedIssuedExpiringExpired_EachChangeInTheHistory(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero) };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        await MatrixSite.CreateStaffAsync(site);
        var userId = await UserIdAsync(site, NhaTrangCadre);
        var cadreId = await CadreIdAsync(site, NhaTrangCadre);
        Assert.True(await StateAsync(site, NhaTrangCadre) is ReadinessState.NotStarted or ReadinessState.InTraining);

        // Two of three courses: in training, nobody told.
        await CompleteCourseAsync(site, userId, PathCourses[0]);
        await CompleteCourseAsync(site, userId, PathCourses[1]);
        await RunJobsAsync(site);
        Assert.Equal(ReadinessState.InTraining, await StateAsync(site, NhaTrangCadre));
        Assert.Empty(await ReadyNoticesAsync(site, userId));

        // The last one (its quiz lesson reported as passed): ready, told once, though the completion is checked twice and swept.
        await CompleteCourseAsync(site, userId, PathCourses[2]);
        Assert.Equal(ReadinessState.Ready, await StateAsync(site, NhaTrangCadre));
        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(ReadinessCheckJob.JobKind, new ReadinessCheckJob.Payload(userId)));
        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(ReadinessSweepJob.JobKind, new { }));
        await RunJobsAsync(site);
        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(ReadinessSweepJob.JobKind, new { }));
        await RunJobsAsync(site);
        var told = Assert.Single(await ReadyNoticesAsync(site, userId));
        using (var model = JsonDocument.Parse(told.ModelJson))
        {
            Assert.Equal("Khánh Hòa", model.RootElement.GetProperty("province").GetString());
            Assert.Equal(3, model.RootElement.GetProperty("courses").GetArrayLength());
        }

        // The province adds a required course: no longer ready; the path again: ready, and not told a second time for it.
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var province = await site.WithDbAsync(db => db.Set<ReadinessRequirement>().Select(r => r.ProvinceUnitId).FirstAsync());
        var ids = await site.WithDbAsync(db => db.Set<Course>().Where(c => PathCourses.Contains(c.Slug) || c.Slug == "vneid-dinh-danh-dien-tu").Select(c => c.Id).ToListAsync());
        var saved = await admin.PostFormAsync("/Admin/Readiness/Settings", [new("province", $"{province}"), new("path", "0"), .. ids.Select(id => new KeyValuePair<string, string>("courseIds", $"{id}"))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(ReadinessState.InTraining, await StateAsync(site, NhaTrangCadre));
        var pathId = await site.WithDbAsync(db => db.Set<LearningPath>().Where(p => p.Slug == "san-sang-ky-so").Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Readiness/Settings", [new("province", $"{province}"), new("path", $"{pathId}")])).Status);
        Assert.Equal(ReadinessState.Ready, await StateAsync(site, NhaTrangCadre));
        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(ReadinessSweepJob.JobKind, new { }));
        await RunJobsAsync(site);
        Assert.Single(await ReadyNoticesAsync(site, userId));

        // The weekly digest: the province manager is told of the ready cadre.
        await site.WithServiceAsync<IJobQueue, long>(q => q.EnqueueAsync(ReadinessDigestJob.JobKind, new { }));
        await RunJobsAsync(site);
        var managerId = await UserIdAsync(site, MatrixSite.ManagerProvinceEmail);
        var digest = Assert.Single(await site.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == managerId && n.Type == NoticeTypes.ReadinessDigest).ToListAsync()));
        using (var model = JsonDocument.Parse(digest.ModelJson))
        {
            Assert.True(model.RootElement.GetProperty("ready_not_requested").GetInt32() >= 1);
            Assert.Equal("Khánh Hòa", model.RootElement.GetProperty("scope").GetString());
        }

        // The commune manager requests it.
        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        var page = $"/Admin/Readiness/Cadre/{cadreId}";
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(page, [], page + "?handler=Request")).Status);
        Assert.Equal(ReadinessState.Requested, await StateAsync(site, NhaTrangCadre));
        var shown = await manager.GetAsync(page);
        Assert.Contains("data-state=\"Requested\"", shown.Body, StringComparison.Ordinal);
        Assert.Contains(NhaTrangCadreName, shown.Body, StringComparison.Ordinal);

        // Returned by the provider: ready again; requested again.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(page, [new("reason", "Thiếu số định danh")], page + "?handler=Return")).Status);
        Assert.Equal(ReadinessState.Ready, await StateAsync(site, NhaTrangCadre));
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/Admin/Readiness", [new("ids", $"{cadreId}")], "/Admin/Readiness?handler=Request")).Status);
        Assert.Equal(ReadinessState.Requested, await StateAsync(site, NhaTrangCadre));

        // Bad input: to before from; refused, nothing stored.
        var bad = await manager.PostFormAsync(page, Issue("5404FFFE0000A1", "2026-12-01", "2026-11-30"), page + "?handler=Issue");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("id=\"error\"", bad.Body, StringComparison.Ordinal);
        Assert.Contains("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực", bad.Body, StringComparison.Ordinal);
        Assert.Null(await site.WithDbAsync(db => db.Set<SignatureRecord>().Where(s => s.CadreId == cadreId).Select(s => s.Serial).SingleAsync()));

        // Issued, valid 20 more days: expiring; 21 days on: expired; corrected to three years: issued.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(page, Issue("5404FFFE0000A1", "2023-12-22", "2026-12-22"), page + "?handler=Issue")).Status);
        Assert.Equal(ReadinessState.Expiring, await StateAsync(site, NhaTrangCadre));
        clock.Advance(TimeSpan.FromDays(21));
        Assert.Equal(ReadinessState.Expired, await StateAsync(site, NhaTrangCadre));
        using var later = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail); // three weeks on, the first sign-in has expired
        Assert.Equal(HttpStatusCode.Redirect, (await later.PostFormAsync(page, Issue("5404FFFE0000A2", "2026-12-23", "2029-12-22"), page + "?handler=Issue")).Status);
        Assert.Equal(ReadinessState.Issued, await StateAsync(site, NhaTrangCadre));

        var history = await site.WithDbAsync(db => db.Set<SignatureEvent>().Where(e => e.CadreId == cadreId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([SignatureActions.Requested, SignatureActions.Returned, SignatureActions.Requested, SignatureActions.Issued, SignatureActions.Edited], history);
        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("certificates.")).Select(a => new { a.Action, a.UserName }).ToListAsync());
        Assert.Equal(2, audit.Count(a => a.Action == "certificates.readiness.configured" && a.UserName == TestSite.AdminEmail));
        Assert.Contains(audit, a => a.Action == "certificates.signature.requested" && a.UserName == MatrixSite.ManagerCommuneEmail);
        Assert.Contains(audit, a => a.Action == "certificates.signature.returned");
        Assert.Contains(audit, a => a.Action == "certificates.signature.issued");
        Assert.Contains(audit, a => a.Action == "certificates.signature.edited");
        var detail = await later.GetAsync(page);
        Assert.Contains("Thiếu số định danh", detail.Body, StringComparison.Ordinal);
        Assert.Contains("5404FFFE0000A2", detail.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Scope_CommuneManagerSeesOnlyTheirCommune_OutsideIs404_AndNothingOutsideIsMarked(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        await CompletePathAsync(site, NhaTrangCadre);
        await CompletePathAsync(site, CamRanhCadre);
        var camRanh = await CadreIdAsync(site, CamRanhCadre);
        var nhaTrang = await CadreIdAsync(site, NhaTrangCadre);

        using var commune = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        var list = await commune.GetAsync("/Admin/Readiness?state=Ready");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains($"data-cadre=\"{nhaTrang}\"", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-cadre=\"{camRanh}\"", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Cam Ranh", list.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"/Admin/Readiness/Cadre/{camRanh}")).Status);
        var page = $"/Admin/Readiness/Cadre/{nhaTrang}";
        Assert.Equal(HttpStatusCode.NotFound, (await commune.PostFormAsync(page, Issue("X-OUT-1", "2026-01-01", "2029-01-01"), $"/Admin/Readiness/Cadre/{camRanh}?handler=Issue")).Status);
        Assert.Contains("id=\"no-province\"", (await commune.GetAsync("/Admin/Readiness/Settings")).Body, StringComparison.Ordinal);

        // A bulk request naming a cadre outside: only the one inside is marked.
        var posted = await commune.PostFormAsync("/Admin/Readiness", [new("ids", $"{nhaTrang}"), new("ids", $"{camRanh}")], "/Admin/Readiness?handler=Request");
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(ReadinessState.Requested, await StateAsync(site, NhaTrangCadre));
        Assert.Equal(ReadinessState.Ready, await StateAsync(site, CamRanhCadre));

        // The province manager sees both communes, and the funnel counts.
        using var provinceManager = await site.SignedInAsync(MatrixSite.ManagerProvinceEmail);
        var all = await provinceManager.GetAsync("/Admin/Readiness");
        Assert.Contains("data-stage=\"Requested\" data-count=\"1\"", all.Body, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"Ready\" data-count=\"2\"", all.Body, StringComparison.Ordinal);
        Assert.Contains("Cam Ranh", all.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hạc Thành", all.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Export_ReadyNotRequested_CsvWithBomAndXlsxThatOpenpyxlReads_WithVietnameseMarks(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        await CompletePathAsync(site, NhaTrangCadre);
        await CompletePathAsync(site, CamRanhCadre);
        await site.WithServiceAsync<SignatureDesk, int>(async d => await d.RequestAsync(Learning.Organization.OrgScope.Everything, [await CadreIdAsync(site, CamRanhCadre)], new System.Security.Claims.ClaimsPrincipal()));
        using var manager = await site.SignedInAsync(MatrixSite.ManagerProvinceEmail);

        var csv = await DownloadAsync(manager, "/Admin/Readiness?handler=Export&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Body[..3]);
        var lines = Encoding.UTF8.GetString(csv.Body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("STT,Họ và tên,Ngày sinh,Số CCCD/Số định danh,Chức vụ,Đơn vị,Xã/Phường,Tỉnh/Thành phố,Email,Điện thoại,Mã cán bộ", lines[0]);
        var row = Assert.Single(lines.Skip(1)); // the Cam Ranh cadre is requested: not in the list
        Assert.Equal($"1,{NhaTrangCadreName},,,Công chức Văn phòng – Thống kê,Văn phòng HĐND và UBND,Nha Trang,Khánh Hòa,{NhaTrangCadre},0905123401,{await CadreIdAsync(site, NhaTrangCadre)}", row);

        var xlsx = await DownloadAsync(manager, "/Admin/Readiness?handler=Export&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.Status);
        var file = Path.Combine(Path.GetTempPath(), $"readiness-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, xlsx.Body);
        try
        {
            var read = await PythonAsync("import openpyxl,sys\nws=openpyxl.load_workbook(sys.argv[1]).active\nfor r in ws.iter_rows(values_only=True): print('|'.join('' if v is None else str(v) for v in r))", file);
            var rows = read.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, rows.Length);
            Assert.StartsWith("STT|Họ và tên|Ngày sinh|Số CCCD/Số định danh|Chức vụ", rows[0], StringComparison.Ordinal);
            Assert.Contains($"|{NhaTrangCadreName}|||Công chức Văn phòng – Thống kê|Văn phòng HĐND và UBND|Nha Trang|Khánh Hòa|{NhaTrangCadre}|0905123401|", rows[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_BadFileListsRowErrorsAndStoresNothing_GoodXlsxImportsAll_SameFileAgainIsRefused(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var manager = await site.SignedInAsync(MatrixSite.ManagerProvinceEmail);
        var nhaTrang = await CadreIdAsync(site, NhaTrangCadre);

        var badCsv = Encoding.UTF8.GetBytes(string.Join("\r\n",
            "Email;Mã cán bộ;Số serial;Nhà cung cấp;Hiệu lực từ;Hiệu lực đến",
            $"{NhaTrangCadre};;SER-001;Ban Cơ yếu Chính phủ;01/12/2026;30/11/2029",
            "khong.co@example.vn;;SER-002;Ban Cơ yếu Chính phủ;01/12/2026;30/11/2029",
            $"{HacThanhCadre};;SER-003;Ban Cơ yếu Chính phủ;01/12/2026;30/11/2029",
            $"{CamRanhCadre};;SER-004;Ban Cơ yếu Chính phủ;31/02/2026;30/11/2029",
            $";{nhaTrang};SER-005;Ban Cơ yếu Chính phủ;01/12/2026;30/11/2025",
            $"x@example.vn;;SER-001;Ban Cơ yếu Chính phủ;01/12/2026;30/11/2029"));
        var preview = await manager.PostFileAsync("/Admin/Readiness/Import", "file", "nha-cung-cap.csv", badCsv, "/Admin/Readiness/Import?handler=Preview");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.DoesNotContain("id=\"confirm\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("data-row=\"3\" data-column=\"Email\" data-error=\"Import.Error.UnknownCadre\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("data-row=\"4\" data-column=\"Email\" data-error=\"Import.Error.OutsideScope\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("data-row=\"5\" data-column=\"Hiệu lực từ\" data-error=\"Import.Error.BadDate\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("data-row=\"6\" data-column=\"Mã cán bộ\" data-error=\"Import.Error.CadreTwice\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("data-row=\"6\" data-column=\"Hiệu lực đến\" data-error=\"Import.Error.ToBeforeFrom\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("data-row=\"7\" data-column=\"Số serial\" data-error=\"Import.Error.DuplicateSerialInFile\"", preview.Body, StringComparison.Ordinal);
        Assert.Contains("Cán bộ ngoài phạm vi quản lý của bạn.", preview.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Lê Văn Thắng", preview.Body, StringComparison.Ordinal);

        // Posting the bad file to the import handler anyway stores nothing.
        var forced = await manager.PostFormAsync("/Admin/Readiness/Import", [new("fileName", "nha-cung-cap.csv"), new("content", Convert.ToBase64String(badCsv))], "/Admin/Readiness/Import?handler=Import");
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<SignatureRecord>().CountAsync()));

        // A good workbook (made as a provider would, with typed dates) is previewed, then imported whole.
        var camRanh = await CadreIdAsync(site, CamRanhCadre);
        var xlsx = Workbook(
            ["Email", "Mã cán bộ", "Số serial", "Nhà cung cấp", "Hiệu lực từ", "Hiệu lực đến"],
            [NhaTrangCadre, "", "5404FFFE7777", "Ban Cơ yếu Chính phủ", "01/12/2026", "30/11/2029"],
            ["", $"{camRanh}", "5404FFFE8888", "Ban Cơ yếu Chính phủ", "2026-12-01", "2026-12-20"]);
        var good = await manager.PostFileAsync("/Admin/Readiness/Import", "file", "da-cap.xlsx", xlsx, "/Admin/Readiness/Import?handler=Preview");
        Assert.Contains("id=\"confirm\"", good.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"problems\"", good.Body, StringComparison.Ordinal);
        var content = QuizLikeField(good.Body, "content");
        var imported = await manager.PostFormAsync("/Admin/Readiness/Import", [new("fileName", "da-cap.xlsx"), new("content", content)], "/Admin/Readiness/Import?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        var stored = await site.WithDbAsync(db => db.Set<SignatureRecord>().OrderBy(s => s.Serial).ToListAsync());
        Assert.Equal(["5404FFFE7777", "5404FFFE8888"], stored.Select(s => s.Serial));
        Assert.Equal(new DateOnly(2029, 11, 30), stored[0].ValidTo);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<SignatureEvent>().CountAsync(e => e.Action == SignatureActions.Imported)));
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "certificates.signature.imported" && a.UserName == MatrixSite.ManagerProvinceEmail)));
        Assert.True(await StateAsync(site, NhaTrangCadre) is ReadinessState.Issued);

        // Each newly issued signature of a cadre with an account is a readiness transition in the xAPI stream (issue 14).
        var withAccounts = await site.WithServiceAsync<Learning.Organization.ICadreDirectory, int>(async c =>
            (await c.RecordsAsync(Learning.Organization.OrgScope.Everything)).Count(r => (r.CadreId == nhaTrang || r.CadreId == camRanh) && r.UserId != null));
        var transitions = await site.WithDbAsync(db => db.Set<Learning.Reports.Data.XapiStatement>().Where(x => x.ActivityType == "readiness").Select(x => x.Detail).ToListAsync());
        Assert.True(withAccounts > 0, "the fixture's cadres have accounts");
        Assert.Equal(withAccounts, transitions.Count);
        Assert.All(transitions, d => Assert.True(d is "Issued" or "Expiring", d));

        // The same file again: every serial is already recorded; refused whole, nothing changes.
        var again = await manager.PostFormAsync("/Admin/Readiness/Import", [new("fileName", "da-cap.xlsx"), new("content", content)], "/Admin/Readiness/Import?handler=Import");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("data-error=\"Import.Error.DuplicateSerial\"", again.Body, StringComparison.Ordinal);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<SignatureEvent>().CountAsync(e => e.Action == SignatureActions.Imported)));
        Assert.Equal(withAccounts, await site.WithDbAsync(db => db.Set<Learning.Reports.Data.XapiStatement>().CountAsync(x => x.ActivityType == "readiness")));

        // The template downloads and reads back as a workbook with the expected header.
        var template = await DownloadAsync(manager, "/Admin/Readiness/Import?handler=Template&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, template.Status);
        var templatePreview = await site.WithServiceAsync<SignatureImport, ImportPreview>(i => i.PreviewAsync(Learning.Organization.OrgScope.Everything, "mau.xlsx", template.Body));
        Assert.Contains(templatePreview.Problems, p => p.MessageKey == "Import.Error.UnknownCadre"); // the example address is nobody
    }

    private static KeyValuePair<string, string>[] Issue(string serial, string from, string to) =>
        [new("Issue.Serial", serial), new("Issue.Provider", "Ban Cơ yếu Chính phủ"), new("Issue.ValidFrom", from), new("Issue.ValidTo", to)];

    private static Task<List<Notification>> ReadyNoticesAsync(TestSite site, string userId) =>
        site.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == userId && n.Type == NoticeTypes.SignatureReady).ToListAsync());

    private static byte[] Workbook(params string[][] rows)
    {
        // The first data row's dates as Excel day serials (how a spreadsheet keeps a typed date).
        var data = rows.Select((r, i) => (IReadOnlyList<string>)(i == 1
            ? [.. r[..4], $"{new DateTime(2026, 12, 1).ToOADate()}", $"{new DateTime(2029, 11, 30).ToOADate()}"]
            : r)).ToList();
        return ProviderExport.Workbook("Sheet1", data);
    }

    private static string QuizLikeField(string html, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no field {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<string> PythonAsync(string script, string argument)
    {
        var (exit, output, error) = await ExternalTool.RunAsync(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", ["-c", script, argument]);
        Assert.True(exit == 0, error);
        return output;
    }
}
