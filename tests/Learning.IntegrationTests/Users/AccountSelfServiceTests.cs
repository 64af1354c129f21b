using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Users;

/// <summary>Issue 10, item 5: a cadre changes their own profile, language, data saver and password.</summary>
public sealed class AccountSelfServiceTests
{
    private const string Cadre = "nguyen.thi.ngoc.diep.nhatrang@example.vn";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Profile_SavesNamePhoneLanguageAndDataSaver_AndRefusesBadInputWhole(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var cadre = await site.SignedInAsync(Cadre);
        var page = await cadre.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Hồ sơ của tôi", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"media.dataSaver\" value=\"auto\" checked", page.Body, StringComparison.Ordinal);

        // A bad phone refuses the whole form: the good name posted with it is not stored either.
        var refused = await cadre.PostFormAsync("/Account/Manage", [new("displayName", "Tên Mới"), new("phoneNumber", "javascript:alert(1)"), new("culture", "vi"), new("media.dataSaver", "240p")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Số điện thoại không hợp lệ", refused.Body, StringComparison.Ordinal);
        var bad = await cadre.PostFormAsync("/Account/Manage", [new("displayName", "  "), new("phoneNumber", ""), new("culture", "fr"), new("media.dataSaver", "4k")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Họ và tên là bắt buộc", bad.Body, StringComparison.Ordinal);
        Assert.Contains("Ngôn ngữ đã chọn không được hỗ trợ", bad.Body, StringComparison.Ordinal);
        Assert.Contains("Lựa chọn không hợp lệ", bad.Body, StringComparison.Ordinal);
        var before = await site.WithDbAsync(db => db.Users.Where(u => u.Email == Cadre).Select(u => new { u.DisplayName, u.PhoneNumber, u.PreferredCulture }).SingleAsync());
        Assert.NotEqual("Tên Mới", before.DisplayName);
        Assert.Null(before.PhoneNumber);

        var saved = await cadre.PostFormAsync("/Account/Manage", [new("displayName", " Nguyễn Thị Ngọc Điệp\u202E "), new("phoneNumber", "+84 258 3822 111"), new("culture", "en"), new("media.dataSaver", "audio")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var after = await site.WithDbAsync(db => db.Users.Where(u => u.Email == Cadre).Select(u => new { u.Id, u.DisplayName, u.PhoneNumber, u.PreferredCulture }).SingleAsync());
        Assert.Equal(("Nguyễn Thị Ngọc Điệp", "+84 258 3822 111", "en"), (after.DisplayName, after.PhoneNumber, after.PreferredCulture));
        Assert.Equal("audio", await site.WithDbAsync(db => db.Set<Learning.Media.Data.MediaPreference>().Where(p => p.UserId == after.Id).Select(p => p.DataSaver).SingleAsync()));

        // The page now speaks English (the language cookie was set) and shows the stored choices.
        var shown = await cadre.GetAsync(saved.Location!);
        Assert.Contains("Your profile is saved.", shown.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"media.dataSaver\" value=\"audio\" checked", shown.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"Nguyễn Thị Ngọc Điệp\"", System.Net.WebUtility.HtmlDecode(shown.Body), StringComparison.Ordinal);
        Assert.Equal("họ tên, điện thoại, ngôn ngữ, media.dataSaver", await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "account.profile.changed").Select(a => a.Details).SingleAsync()));

        // Anonymous visitors are sent to sign in.
        using var anonymous = site.CreateSiteClient();
        Assert.StartsWith("/Account/Login", new Uri(new Uri("http://localhost"), (await anonymous.GetAsync("/Account/Manage")).Location).PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Password_NeedsTheCurrentOne_EndsOtherSessions_AndGuessingLocksTheAccount(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var cadre = await site.SignedInAsync(Cadre);
        using var otherDevice = site.CreateSiteClient();
        Assert.Equal(HttpStatusCode.Redirect, await otherDevice.SignInAsync(Cadre, "Hocvien2026x"));

        var mismatch = await cadre.PostFormAsync("/Account/Manage/Password", [new("currentPassword", "Hocvien2026x"), new("newPassword", "Matkhaumoi2026"), new("confirmPassword", "Matkhaumoi2027")]);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Contains("không khớp", mismatch.Body, StringComparison.Ordinal);
        var weak = await cadre.PostFormAsync("/Account/Manage/Password", [new("currentPassword", "Hocvien2026x"), new("newPassword", "ngan"), new("confirmPassword", "ngan")]);
        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);

        var changed = await cadre.PostFormAsync("/Account/Manage/Password", [new("currentPassword", "Hocvien2026x"), new("newPassword", "Matkhaumoi2026"), new("confirmPassword", "Matkhaumoi2026")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Contains("Đã đổi mật khẩu", (await cadre.GetAsync(changed.Location!)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync("/Learning")).Status); // this session stays signed in
        Assert.Equal(HttpStatusCode.Redirect, (await otherDevice.GetAsync("/Learning")).Status); // the other one is signed out
        using var fresh = site.CreateSiteClient();
        Assert.Equal(HttpStatusCode.OK, await fresh.SignInAsync(Cadre, "Hocvien2026x")); // the old password no longer works
        Assert.Equal(HttpStatusCode.Redirect, await fresh.SignInAsync(Cadre, "Matkhaumoi2026"));

        // Guessing the current password here counts as failed sign-ins: the account locks and this session ends.
        (HttpStatusCode Status, string Body, string? Location) guess = default;
        for (var i = 0; i < 10 && guess.Location is null; i++)
        {
            guess = await fresh.PostFormAsync("/Account/Manage/Password", [new("currentPassword", "Doan-sai-" + i), new("newPassword", "Matkhaumoi2028"), new("confirmPassword", "Matkhaumoi2028")]);
        }

        Assert.Equal("/Account/Login", guess.Location);
        Assert.True(await site.WithDbAsync(db => db.Users.Where(u => u.Email == Cadre).Select(u => u.LockoutEnd > DateTimeOffset.UtcNow).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, await site.CreateSiteClient().SignInAsync(Cadre, "Matkhaumoi2026")); // locked
        var audit = await site.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == Cadre).Select(a => a.Action).ToListAsync());
        Assert.Contains("account.password.changed", audit);
        Assert.Contains("account.password.wrong", audit);
        Assert.Contains("auth.signin.locked", audit);
    }
}
