using System.Net;
using System.Text;
using System.Text.Json;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.IntegrationTests.Security;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Users;

/// <summary>Issue 12: invitations and password-reset links (Identity token providers), single and in bulk, within scopes.</summary>
public sealed class AccountLinksTests
{
    private const string Cadre = "nguyen.thi.ngoc.diep.nhatrang@example.vn";
    private const string NewPassword = "Matkhaumoi2026";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Invitation_NotifiesAWorkingLink_ThatSetsThePasswordOnce(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Notifications:PublicBaseUrl"] = "https://hoctap.example.vn/" });
        var userId = await UserIdAsync(site, Cadre);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var edit = await admin.GetAsync($"/Admin/Users/Edit/{userId}");
        Assert.Contains("id=\"send-invitation\"", edit.Body, StringComparison.Ordinal);
        Assert.Contains("Chưa gửi lời mời.", edit.Body, StringComparison.Ordinal);

        var sent = await admin.PostFormAsync($"/Admin/Users/Edit/{userId}", [], $"/Admin/Users/Edit/{userId}?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains($"Đã gửi lời mời tới {Cadre}.", sent.Body, StringComparison.Ordinal);

        // One essential notification of the invitation type, for this account, whose model holds an absolute link and its lifetime.
        var notification = await site.WithDbAsync(db => db.Set<Notification>().SingleAsync(n => n.Type == NoticeTypes.Invitation));
        Assert.Equal((NoticeTypes.Invitation, userId), (notification.Type, notification.UserId));
        using var model = JsonDocument.Parse(notification.ModelJson);
        var link = model.RootElement.GetProperty("link").GetString()!;
        Assert.StartsWith("https://hoctap.example.vn/Account/SetPassword?user=", link, StringComparison.Ordinal);
        Assert.Equal(168, model.RootElement.GetProperty("expires_hours").GetInt32());
        Assert.Equal(new Uri(link).PathAndQuery, notification.Link);
        Assert.NotNull(await site.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.InvitedUtc).SingleAsync()));

        // The cadre opens it: the form; a mismatch and a weak password are refused with their messages and change nothing.
        using var cadre = site.CreateSiteClient();
        var path = new Uri(link).PathAndQuery;
        var form = await cadre.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("id=\"set-password-form\"", form.Body, StringComparison.Ordinal);
        Assert.Contains($"Tài khoản: {Cadre}", form.Body, StringComparison.Ordinal);
        var mismatch = await cadre.PostFormAsync(path, [new("newPassword", NewPassword), new("confirmPassword", NewPassword + "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Contains("không khớp", mismatch.Body, StringComparison.Ordinal);
        var weak = await cadre.PostFormAsync(path, [new("newPassword", "ngan"), new("confirmPassword", "ngan")]);
        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);
        Assert.Contains("id=\"password-errors\"", weak.Body, StringComparison.Ordinal);
        Assert.Null(await site.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync()));

        var set = await cadre.PostFormAsync(path, [new("newPassword", NewPassword), new("confirmPassword", NewPassword)]);
        Assert.Equal((HttpStatusCode.Redirect, "/Account/Login?passwordSet=true"), (set.Status, set.Location));
        Assert.Contains("Đã đặt mật khẩu. Hãy đăng nhập bằng mật khẩu mới.", (await cadre.GetAsync(set.Location!)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await cadre.SignInAsync(Cadre, NewPassword));
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync("/Learning")).Status);
        Assert.True(await site.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.EmailConfirmed).SingleAsync()));

        // The same link again: refused with its message and a way to ask for another; the password stays.
        using var again = site.CreateSiteClient();
        var used = await again.GetAsync(path);
        Assert.Contains("data-state=\"used\"", used.Body, StringComparison.Ordinal);
        Assert.Contains("Liên kết này đã được dùng", used.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ForgotPassword\"", used.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("set-password-form", used.Body, StringComparison.Ordinal);
        var reused = await again.PostFormAsync("/Account/Login", [new("user", userId), new("token", Token(path)), new("newPassword", "Khac2026abcd"), new("confirmPassword", "Khac2026abcd")], "/Account/SetPassword");
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Equal(HttpStatusCode.Redirect, await again.SignInAsync(Cadre, NewPassword));

        var actions = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("users.invitation") || a.Action.StartsWith("users.password_reset")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["users.invitation.sent", "users.password_reset.completed"], actions);

        // An account with a password is offered a reset link, not an invitation.
        edit = await admin.GetAsync($"/Admin/Users/Edit/{userId}");
        Assert.DoesNotContain("id=\"send-invitation\"", edit.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"send-reset\"", edit.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ForgotPassword_AnswersTheSameForAnyAddress_AndExpiredOrTamperedLinksAreRefused(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var userId = await site.SetPasswordAsync(Cadre, "Hocvien2026x");
        using var visitor = site.CreateSiteClient();
        Assert.Contains("href=\"/Account/ForgotPassword\"", (await visitor.GetAsync("/Account/Login")).Body, StringComparison.Ordinal);

        var unknown = await visitor.PostFormAsync("/Account/ForgotPassword", [new("email", "khong.co.ai@example.vn")]);
        var known = await visitor.PostFormAsync("/Account/ForgotPassword", [new("email", Cadre.ToUpperInvariant())]);
        Assert.Equal((HttpStatusCode.Redirect, "/Account/ForgotPassword?sent=true"), (unknown.Status, unknown.Location));
        Assert.Equal((unknown.Status, unknown.Location), (known.Status, known.Location));
        Assert.Contains("Nếu có tài khoản với địa chỉ này", (await visitor.GetAsync(known.Location!)).Body, StringComparison.Ordinal);
        var bad = await visitor.PostFormAsync("/Account/ForgotPassword", [new("email", "khong-phai-email")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Hãy nhập một địa chỉ email hợp lệ.", bad.Body, StringComparison.Ordinal);

        // Only the real account was notified; the audit trail tells administrators about both requests.
        var notification = await site.WithDbAsync(db => db.Set<Notification>().SingleAsync(n => n.Type == NoticeTypes.PasswordReset));
        Assert.Equal((NoticeTypes.PasswordReset, userId), (notification.Type, notification.UserId));
        Assert.Equal(2, JsonDocument.Parse(notification.ModelJson).RootElement.GetProperty("expires_hours").GetInt32());
        Assert.Equal(2, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "users.password_reset.requested")));
        var path = notification.Link!;

        // Tampered (one character changed), cut short, or carried to another account: not ours.
        var token = Token(path);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        foreach (var forged in new[] { path.Replace(token, tampered, StringComparison.Ordinal), path.Replace(token, token[..^4], StringComparison.Ordinal), path.Replace(userId, await UserIdAsync(site, TestSite.AdminEmail), StringComparison.Ordinal) })
        {
            var page = await visitor.GetAsync(forged);
            Assert.Contains("data-state=\"invalid\"", page.Body, StringComparison.Ordinal);
            Assert.Contains("Liên kết này không hợp lệ", page.Body, StringComparison.Ordinal);
        }

        // Valid now, expired after its two hours.
        Assert.Contains("id=\"set-password-form\"", (await visitor.GetAsync(path)).Body, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var expired = await visitor.GetAsync(path);
        Assert.Contains("data-state=\"expired\"", expired.Body, StringComparison.Ordinal);
        Assert.Contains("Liên kết này đã hết hạn", expired.Body, StringComparison.Ordinal);
        var late = await visitor.PostFormAsync("/Account/Login", [new("newPassword", NewPassword), new("confirmPassword", NewPassword)], path); // the page has no form left: a token from another
        Assert.Contains("data-state=\"expired\"", late.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Equal(HttpStatusCode.Redirect, await visitor.SignInAsync(Cadre, "Hocvien2026x"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task BulkInvitation_ByACommuneManager_NotifiesExactlyTheFilesCadres_OnceUnlessAsked_AndNobodyOutsideTheScope(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        await MatrixSite.CreateStaffAsync(site);
        using var manager = await site.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        var csv = new StringBuilder("email,fullName,unitCode\n");
        for (var i = 0; i < 12; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"moi{i:00}@example.vn,Cán bộ Mới {i},KH-NHATRANG\n");
        }

        var imported = await site.ImportCadresAsync(manager, "moi.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        Assert.Contains("id=\"invite-imported\"", imported.Body, StringComparison.Ordinal);
        var importJob = await site.WithDbAsync(db => db.Set<Learning.Data.Jobs.JobRecord>().Where(j => j.Kind == "organization.cadres.import").Select(j => j.Id).SingleAsync());

        // Outside the scope: a cadre of Thanh Hóa named among others, or on its own page, is a 404 and queues nothing.
        var outside = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == MatrixSite.CadreOutEmail).Select(c => c.Id).SingleAsync());
        var inside = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email == "moi00@example.vn").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostFormAsync("/Admin/Organization/Cadres", [new("ids", inside.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ids", outside.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Organization/Cadres?handler=Invite")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostFormAsync("/Admin/Organization/Cadres", [], $"/Admin/Organization/Cadres/{outside}?handler=SendLink")).Status);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Learning.Data.Jobs.JobRecord>().CountAsync(j => j.Kind == "organization.cadres.invite")));

        // The file's cadres: accounts made, each invited once; nobody else.
        var outcome = await InviteAsync(site, manager, [new("importJob", importJob.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Contains("data-invited=\"12\"", outcome, StringComparison.Ordinal);
        var fileUsers = await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Email.StartsWith("moi")).Select(c => c.UserId!).ToListAsync());
        Assert.Equal(12, fileUsers.Count);
        var notified = await site.WithDbAsync(db => db.Set<Notification>().Where(n => n.Type == NoticeTypes.Invitation).Select(n => n.UserId).ToListAsync());
        Assert.Equal(fileUsers.Order(), notified.Order());

        // Invited recently: not again, unless asked; and a cadre who set a password is never invited.
        await site.SetPasswordAsync("moi00@example.vn", "Hocvien2026x");
        Assert.Contains("data-invited=\"0\"", await InviteAsync(site, manager, [new("importJob", importJob.ToString(System.Globalization.CultureInfo.InvariantCulture))]), StringComparison.Ordinal);
        Assert.Contains("data-invited=\"11\"", await InviteAsync(site, manager, [new("importJob", importJob.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("again", "true")]), StringComparison.Ordinal);
        Assert.Equal(23, await site.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.Type == NoticeTypes.Invitation)));

        // Everyone in the list the manager sees (their commune): only cadres in scope are notified.
        await InviteAsync(site, manager, [new("all", "true")]);
        var scopePath = await site.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "KH-NHATRANG").Select(u => u.Path).SingleAsync());
        var invitedPaths = await site.WithDbAsync(db => db.Set<Notification>().Where(n => n.Type == NoticeTypes.Invitation)
            .Join(db.Set<Cadre>(), n => n.UserId, c => c.UserId, (n, c) => c.OrgPath).Distinct().ToListAsync());
        Assert.All(invitedPaths, p => Assert.StartsWith(scopePath, p, StringComparison.Ordinal));
        Assert.Equal(MatrixSite.ManagerCommuneEmail, await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "organization.cadres.invited").Select(a => a.UserName).FirstAsync()));
    }

    private static async Task<string> InviteAsync(TestSite site, SiteClient manager, List<KeyValuePair<string, string>> fields)
    {
        var queued = await manager.PostFormAsync("/Admin/Organization/Cadres", fields, "/Admin/Organization/Cadres?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, queued.Status);
        Assert.StartsWith("/Admin/Organization/Cadres/Invitations?job=", queued.Location, StringComparison.Ordinal);
        var worker = site.Services.GetRequiredService<Learning.Data.Jobs.JobWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        var page = await manager.GetAsync(queued.Location!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Body;
    }

    private static string Token(string path) =>
        Uri.UnescapeDataString(path[(path.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

    private static Task<string> UserIdAsync(TestSite site, string email) =>
        site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
