using System.Net;
using System.Text.Json;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Notifications;

public sealed class TemplateEditorTests
{
    private const string Page = "/Admin/Notifications/Templates/Edit?type=courses.assigned&culture=vi";

    private static readonly string Model = JsonSerializer.Serialize(new
    {
        course = new { title = "Chuyển đổi số trong cải cách hành chính", url = "https://hoctap.example.vn/Courses/chuyen-doi-so" },
        due_date = "2026-12-31",
        user = new { name = "Trần Hữu Lực", email = "tran.huu.luc@example.vn" },
        site = new { name = "Học tập Khánh Hòa", url = "https://hoctap.example.vn" },
        link = "https://hoctap.example.vn/Courses/chuyen-doi-so",
        unsubscribe_url = "https://hoctap.example.vn/Notifications/Unsubscribe?token=x",
        updates = 1,
    });

    private static KeyValuePair<string, string>[] Form(string subject, string text, string html) =>
        [new("Subject", subject), new("TextBody", text), new("HtmlBody", html)];

    private static Task<RenderedMail> RenderAsync(TestSite site, string culture = "vi") =>
        site.WithServiceAsync<INotificationRenderer, RenderedMail>(r => r.RenderAsync(NoticeTypes.CourseAssigned, culture, Model, CancellationToken.None));

    /// <summary>
    /// Issue 12: a template with an unknown variable or broken Liquid is refused when saved, with its line, and changes nothing;
    /// a saved template is what the renderer uses from then on (and its next version too); restoring the default deletes it.
    /// Each change is audited.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Administrator_SavesARefusedThenAGoodTemplate_RendererUsesIt_RestoreGivesTheDefaultBack(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var shipped = await RenderAsync(site);
        Assert.Equal("Anh/Chị được giao khóa học: Chuyển đổi số trong cải cách hành chính", shipped.Subject);

        var list = await admin.GetAsync("/Admin/Notifications/Templates");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Được giao khóa học", list.Body, StringComparison.Ordinal);
        var edit = await admin.GetAsync(Page);
        Assert.Contains("sandbox=\"\"", edit.Body, StringComparison.Ordinal);
        Assert.Contains("Kỹ năng tiếp công dân", edit.Body, StringComparison.Ordinal); // the preview renders the sample

        var unknown = await admin.PostFormAsync(Page, Form("Khóa học mới", "Chào {{ user.name }}\n{% if due_date %}\nHạn: {{ han_chot }}{% endif %}", "<p>{{ course.title }}</p>"), Page + "&handler=Save");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("Nội dung văn bản thuần, dòng 3: biến «han_chot» không có trong dữ liệu", WebUtility.HtmlDecode(unknown.Body), StringComparison.Ordinal);

        var broken = await admin.PostFormAsync(Page, Form("Khóa học mới", "Chào", "<p>Một</p>\n<p>{% if course.title %}{{ course.title }</p>"), Page + "&handler=Save");
        Assert.Contains("Nội dung HTML, dòng 2: lỗi cú pháp Liquid", WebUtility.HtmlDecode(broken.Body), StringComparison.Ordinal);
        Assert.False(await site.WithDbAsync(db => db.Set<NotificationTemplate>().AnyAsync()));
        Assert.Equal(shipped, await RenderAsync(site));

        var saved = await admin.PostFormAsync(Page, Form("Khóa học mới: {{ course.title }}", "Chào {{ user.name }}, hạn {{ due_date | local_date }}.", "<p>Chào <b>{{ user.name }}</b></p><script>x()</script>"), Page + "&handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var mail = await RenderAsync(site);
        Assert.Equal("Khóa học mới: Chuyển đổi số trong cải cách hành chính", mail.Subject);
        Assert.StartsWith("Chào Trần Hữu Lực, hạn 31/12/2026.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Chào <b>Trần Hữu Lực</b></p>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(shipped.Subject.Replace("Anh/Chị được giao khóa học", "You have been assigned a course", StringComparison.Ordinal), (await RenderAsync(site, "en")).Subject);

        var again = await admin.PostFormAsync(Page, Form("Phiên bản hai: {{ course.title }}", "Chào", "<p>Chào</p>"), Page + "&handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal("Phiên bản hai: Chuyển đổi số trong cải cách hành chính", (await RenderAsync(site)).Subject);
        Assert.Contains("Đã tùy chỉnh", (await admin.GetAsync("/Admin/Notifications/Templates")).Body, StringComparison.Ordinal);

        var preview = await admin.PostFormAsync(Page, Form("{{ course.title }}", "{{ quiz.title }}", "<p>x</p>"), Page + "&handler=PreviewJson");
        using (var json = JsonDocument.Parse(preview.Body))
        {
            Assert.Equal("Kỹ năng tiếp công dân và giải quyết khiếu nại ở cấp xã", json.RootElement.GetProperty("subject").GetString());
            Assert.Contains("quiz.title", json.RootElement.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        }

        var restored = await admin.PostFormAsync(Page, [], Page + "&handler=Restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.Status);
        Assert.False(await site.WithDbAsync(db => db.Set<NotificationTemplate>().AnyAsync()));
        Assert.Equal(shipped, await RenderAsync(site));

        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("notifications.template.")).OrderBy(a => a.Id).Select(a => a.Action + " " + a.Subject).ToListAsync());
        Assert.Equal(["notifications.template.saved courses.assigned (vi)", "notifications.template.saved courses.assigned (vi)", "notifications.template.restored courses.assigned (vi)"], audit);
    }

    /// <summary>Several first saves of one template at once (two administrators, a double submit): each succeeds, one row stays.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task FirstSavesAtOnce_AllSucceed_OneRowOneAuditEntryEach(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var shipped = ShippedTemplates.Get(NoticeTypes.CourseAssigned, "vi")!;
        var saves = Enumerable.Range(1, 6).Select(i => Task.Run(async () =>
        {
            await using var scope = site.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<TemplateStore>();
            return await store.SaveAsync(NoticeTypes.CourseAssigned, "vi", shipped with { Subject = $"Giao khóa học (bản {i}): {{{{ course.title }}}}" }, $"admin{i}", CancellationToken.None);
        }));

        var results = await Task.WhenAll(saves);

        Assert.All(results, Assert.Empty);
        var row = Assert.Single(await site.WithDbAsync(db => db.Set<NotificationTemplate>().AsNoTracking().Where(t => t.Type == NoticeTypes.CourseAssigned && t.Culture == "vi").ToListAsync()));
        Assert.Matches(@"^Giao khóa học \(bản [1-6]\): \{\{ course.title \}\}$", row.Subject);
        Assert.Equal(6, await site.WithDbAsync(db => db.Set<Learning.Data.Entities.AuditEntry>().CountAsync(a => a.Action == "notifications.template.saved")));
    }
}
