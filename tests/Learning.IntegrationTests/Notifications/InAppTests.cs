using System.Net;
using System.Text.RegularExpressions;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Preferences;
using Microsoft.EntityFrameworkCore;
using static Learning.IntegrationTests.Notifications.NotificationFixtures;

namespace Learning.IntegrationTests.Notifications;

/// <summary>Issue 12: the bell and list in the site, preferences, and one-click unsubscribe.</summary>
public sealed partial class InAppTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Bell_List_OpenMarksRead_OnlyTheOwners_MarkAllRead(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var thu = await NewUserAsync(site, "nguyen.thi.thu@example.vn", "Nguyễn Thị Thu");
        var binh = await NewUserAsync(site, "hoang.van.binh@example.vn", "Hoàng Văn Bình");
        await NotifyAsync(site,
            Assigned(thu, "Kỹ năng tiếp công dân", slug: "tiep-cong-dan"),
            QuizResult(thu, "Kiểm tra cuối khóa", link: "https://lua-dao.example/dang-nhap"),
            new Notice(thu, NoticeTypes.PasswordReset, new { Link = "http://localhost:5000/Account/ResetPassword?token=x", ExpiresHours = 24 }),
            Assigned(binh, "Khóa của người khác"));
        var ids = (await NotificationsOfAsync(site, thu)).Select(n => n.Id).ToList();
        var others = (await NotificationsOfAsync(site, binh)).Single().Id;
        using var client = await SignInAsync(site, "nguyen.thi.thu@example.vn");

        // The bell, on every page of the site: two unread (the password reset is e-mail only).
        var home = await client.GetAsync("/Courses");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("data-notifications-count=\"2\"", home.Body, StringComparison.Ordinal);
        Assert.Contains("data-notifications-count=\"2\"", (await client.GetAsync("/Account/Manage")).Body, StringComparison.Ordinal);

        var list = await client.GetAsync("/Notifications");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Anh/Chị được giao khóa học: Kỹ năng tiếp công dân", list.Body, StringComparison.Ordinal);
        Assert.Contains("Kết quả bài kiểm tra Kiểm tra cuối khóa", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Đặt lại mật khẩu", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Khóa của người khác", list.Body, StringComparison.Ordinal);
        Assert.True(list.Body.IndexOf("Kiểm tra cuối khóa", StringComparison.Ordinal) < list.Body.IndexOf("Kỹ năng tiếp công dân", StringComparison.Ordinal)); // newest first
        Assert.Equal(2, UnreadItem().Count(list.Body));

        // Opening one marks it read and follows its link on this site; a link elsewhere is not followed.
        var open = await client.GetAsync($"/Notifications/Open/{ids[0]}");
        Assert.Equal((HttpStatusCode.Redirect, "/Courses/tiep-cong-dan"), (open.Status, open.Location));
        Assert.Contains("data-notifications-count=\"1\"", (await client.GetAsync("/Courses")).Body, StringComparison.Ordinal);
        var elsewhere = await client.GetAsync($"/Notifications/Open/{ids[1]}");
        Assert.Equal((HttpStatusCode.Redirect, "/Notifications"), (elsewhere.Status, elsewhere.Location));

        // Another person's notification, and one that is not in the list, are not found; nothing is marked.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Notifications/Open/{others}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Notifications/Open/{ids[2]}")).Status);
        Assert.Null((await NotificationsOfAsync(site, binh)).Single().ReadUtc);

        // Mark all read (a POST with its antiforgery token).
        await NotifyAsync(site, Enumerable.Range(1, 21).Select(i => Assigned(thu, $"Khóa số {i}", slug: $"khoa-{i}")).ToArray());
        list = await client.GetAsync("/Notifications");
        Assert.Contains("data-notifications-count=\"21\"", list.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/Notifications?p=2\"", list.Body, StringComparison.Ordinal);
        Assert.Contains("Khóa số 21", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Kỹ năng tiếp công dân", list.Body, StringComparison.Ordinal); // on page 2
        Assert.Contains("Kỹ năng tiếp công dân", (await client.GetAsync("/Notifications?p=2")).Body, StringComparison.Ordinal);
        var marked = await client.PostFormAsync("/Notifications", [], "/Notifications?handler=MarkAllRead");
        Assert.Equal((HttpStatusCode.Redirect, "/Notifications"), (marked.Status, marked.Location));
        list = await client.GetAsync("/Notifications");
        Assert.Contains("data-notifications-count=\"0\"", list.Body, StringComparison.Ordinal);
        Assert.Empty(UnreadItem().Matches(list.Body));
        Assert.Null((await NotificationsOfAsync(site, binh)).Single().ReadUtc);
        Assert.Null((await NotificationsOfAsync(site, thu)).Single(n => n.Type == NoticeTypes.PasswordReset).ReadUtc);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Preferences_PerCategory_AndOneClickUnsubscribe_RefusesATamperedOrAnotherPersonsToken(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var an = await NewUserAsync(site, "dang.van.an@example.vn", "Đặng Văn An");
        var mai = await NewUserAsync(site, "ngo.thi.mai@example.vn", "Ngô Thị Mai");
        using var client = await SignInAsync(site, "dang.van.an@example.vn");

        var page = await client.GetAsync("/Account/Manage/Notifications");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("không thể tắt", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"cadence.courses\" value=\"Immediately\" checked", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/Manage/Notifications\" class=\"active\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"cadence.account\"", page.Body, StringComparison.Ordinal);

        var saved = await client.PostFormAsync("/Account/Manage/Notifications",
            [new("cadence.courses", "Daily"), new("cadence.quizzes", "Weekly"), new("cadence.certificates", "Immediately"), new("cadence.reports", "Off")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(
            new Dictionary<string, Cadence> { ["courses"] = Cadence.Daily, ["quizzes"] = Cadence.Weekly, ["certificates"] = Cadence.Immediately, ["reports"] = Cadence.Off },
            await StoredAsync(site, an));
        Assert.Contains("name=\"cadence.courses\" value=\"Daily\" checked", (await client.GetAsync("/Account/Manage/Notifications")).Body, StringComparison.Ordinal);

        // A value that is not a cadence (or an attempt to set the account category) is refused with a message; nothing changes.
        var refused = await client.PostFormAsync("/Account/Manage/Notifications",
            [new("cadence.courses", "Hourly"), new("cadence.quizzes", "Off"), new("cadence.certificates", "Off"), new("cadence.reports", "Off"), new("cadence.account", "Off")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("id=\"preferences-errors\"", refused.Body, StringComparison.Ordinal);
        Assert.Contains("Lựa chọn cho mục “Khóa học và hạn hoàn thành” không hợp lệ", refused.Body, StringComparison.Ordinal);
        Assert.Equal(Cadence.Weekly, (await StoredAsync(site, an))["quizzes"]);
        Assert.False((await StoredAsync(site, an)).ContainsKey("account"));

        // One-click from a mail client: no session, no antiforgery token, the RFC 8058 body.
        var tokens = await site.WithServiceAsync<UnsubscribeTokens, (string Mine, string Hers)>(t => Task.FromResult((t.Url(an, ["quizzes", "certificates"]), t.Url(mai, ["courses"]))));
        var path = new Uri(tokens.Mine).AbsolutePath;
        using var mailClient = site.CreateSiteClient(fetchSite: "cross-site");
        var confirm = await mailClient.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("Kết quả bài kiểm tra, Chứng nhận", confirm.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"unsubscribe-confirm\"", confirm.Body, StringComparison.Ordinal);
        var oneClick = await OneClickAsync(mailClient, path);
        Assert.Equal(HttpStatusCode.OK, oneClick.Status);
        Assert.Contains("id=\"unsubscribe-done\"", oneClick.Body, StringComparison.Ordinal);
        var stored = await StoredAsync(site, an);
        Assert.Equal((Cadence.Off, Cadence.Off, Cadence.Daily), (stored["quizzes"], stored["certificates"], stored["courses"]));

        // Tampered: refused with a message, nothing changes.
        var tampered = path[..^6] + (path[^6] == 'A' ? 'B' : 'A') + path[^5..];
        await SetCadenceAsync(site, an, NotificationCategories.Quizzes, Cadence.Daily);
        foreach (var attempt in new[] { await PageAsync(mailClient, tampered), await OneClickAsync(mailClient, tampered), await OneClickAsync(mailClient, "/Notifications/Unsubscribe/khong-phai-ma") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, attempt.Status);
            Assert.Contains("không hợp lệ hoặc đã bị sửa đổi", attempt.Body, StringComparison.Ordinal);
        }

        Assert.Equal(Cadence.Daily, (await StoredAsync(site, an))["quizzes"]);

        // Without the one-click body nothing changes either.
        var empty = await mailClient.Http.PostAsync(path, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(Cadence.Daily, (await StoredAsync(site, an))["quizzes"]);

        // Someone else's link, opened while signed in as An: refused, her preferences untouched.
        var hers = new Uri(tokens.Hers).AbsolutePath;
        foreach (var attempt in new[] { await PageAsync(client, hers), await OneClickAsync(client, hers) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, attempt.Status);
            Assert.Contains("thuộc về một tài khoản khác", attempt.Body, StringComparison.Ordinal);
        }

        Assert.Empty(await StoredAsync(site, mai));
        Assert.Equal(HttpStatusCode.OK, (await OneClickAsync(mailClient, hers)).Status); // from her mail client it works
        Assert.Equal(Cadence.Off, (await StoredAsync(site, mai))["courses"]);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PageAsync(SiteClient client, string path)
    {
        var (status, body, _) = await client.GetAsync(path);
        return (status, body);
    }

    private static async Task<(HttpStatusCode Status, string Body)> OneClickAsync(SiteClient client, string path)
    {
        using var response = await client.Http.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<Dictionary<string, Cadence>> StoredAsync(TestSite site, string userId) =>
        site.WithDbAsync(db => db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Category, p => p.Cadence));

    [GeneratedRegex("<li class=\"unread\"")]
    private static partial Regex UnreadItem();
}
