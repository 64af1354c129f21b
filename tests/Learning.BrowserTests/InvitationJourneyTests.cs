using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 12: an administrator imports cadres and invites them; a cadre opens the link from the e-mail that was actually
/// delivered (aiosmtpd's Maildir, parsed with MimeKit), sets a password, signs in and sees the "course assigned" notification
/// in the site header.
/// </summary>
public sealed partial class InvitationJourneyTests
{
    private const string AdminPassword = "Quantri2026x";
    private const string CadreEmail = "moi.cadre@example.vn";
    private const string CadrePassword = "Canbomoi2026x";

    [Fact]
    public async Task Administrator_ImportsAndInvites_CadreSetsPasswordFromTheEmail_AndSeesTheAssignedCourseInTheHeader()
    {
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("learning-maildir-").FullName, "box"); // aiosmtpd makes the Maildir itself
        var smtpPort = RunningSite.FreePort();
        using var smtp = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{smtpPort}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start");
        try
        {
            var sitePort = RunningSite.FreePort();
            var env = new Dictionary<string, string>
            {
                ["Learning__Notifications__Smtp__Host"] = "127.0.0.1",
                ["Learning__Notifications__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Learning__Notifications__Smtp__Security"] = "None",
                ["Learning__Notifications__PublicBaseUrl"] = $"http://127.0.0.1:{sitePort}",
                ["Learning__Notifications__HoldSeconds"] = "0",
            };
            await using var site = await RunningSite.StartOnAsync($"http://127.0.0.1:{sitePort}", env,
                ["setup", "--recipe", "setup", "--admin-email", "qt@example.vn", "--admin-password", AdminPassword]);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.LaunchAsync(playwright);
            var admin = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl })).NewPageAsync();

            // The administrator uploads a cadre file through the import page and waits for the background import.
            await Journey.SignInAsync(admin, "qt@example.vn", AdminPassword);
            await admin.GotoAsync("/Admin/Organization/Cadres/Import");
            var csv = $"email,fullName,position,unitCode\n{CadreEmail},Võ Thị Mới,Công chức Văn phòng – Thống kê,KH-NHATRANG-VP\nmoi.hai@example.vn,Phạm Văn Hải,Công chức Tư pháp – Hộ tịch,KH-NHATRANG-VP\n";
            await admin.SetInputFilesAsync("#import-form input[type=file]", new FilePayload { Name = "can-bo-moi.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            await admin.ClickAsync("#import-form button[type=submit]");
            await Assertions.Expect(admin.Locator("#import-success")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // … invites the file's cadres (a job with progress) …
            await admin.ClickAsync("#invite-imported-submit");
            await Assertions.Expect(admin.Locator("#invite-done")).ToHaveAttributeAsync("data-invited", "2", new() { Timeout = 30_000 });
            await Browser.ScreenshotAsync(admin, "40-invitations-sent");

            // … and assigns a course to the cadre.
            await admin.GotoAsync("/Admin/Courses/Assign");
            var course = admin.Locator("#assign-courses a").First;
            var courseTitle = (await course.InnerTextAsync()).Trim();
            await course.ClickAsync();
            await admin.CheckAsync("#assign-form input[name=target][value=Cadre]");
            await admin.FillAsync("#assign-form input[name=email]", CadreEmail);
            await admin.ClickAsync("#assign-submit");
            await Assertions.Expect(admin.Locator("#assign-message")).ToContainTextAsync("Đã giao");

            // The invitation as delivered: Vietnamese subject, the link to set a password in the text part.
            var mail = await WaitForMailAsync(maildir, CadreEmail, m => m.TextBody?.Contains("/Account/SetPassword?", StringComparison.Ordinal) == true);
            var link = SetPasswordLink().Match(mail.TextBody ?? "").Value;
            Assert.StartsWith(site.BaseUrl + "/Account/SetPassword?", link, StringComparison.Ordinal);

            // The cadre, on a phone, opens the link, sets a password and signs in.
            var phone = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, ViewportSize = new() { Width = 360, Height = 740 } })).NewPageAsync();
            await phone.GotoAsync(link);
            await Browser.ScreenshotAsync(phone, "41-set-password-phone");
            await phone.FillAsync("#set-password-form input[name=newPassword]", CadrePassword);
            await phone.FillAsync("#set-password-form input[name=confirmPassword]", CadrePassword);
            await phone.ClickAsync("#set-password-form button[type=submit]");
            await Assertions.Expect(phone.Locator("#password-set")).ToBeVisibleAsync();
            await phone.FillAsync("#login-form input[name=email]", CadreEmail);
            await phone.FillAsync("#login-form input[name=password]", CadrePassword);
            await phone.ClickAsync("#login-form button[type=submit]");
            await Assertions.Expect(phone).Not.ToHaveURLAsync(new Regex("/Account/Login"));

            // The header counts the unread notification; the list shows the assigned course.
            await Assertions.Expect(phone.Locator("[data-notifications-count]")).Not.ToHaveTextAsync(new Regex("^\\s*0?\\s*$"), new() { Timeout = 15_000 });
            await phone.GotoAsync("/Notifications");
            await Assertions.Expect(phone.Locator("main")).ToContainTextAsync(courseTitle);
            await Browser.ScreenshotAsync(phone, "42-notifications-phone");

            // The link was used: opened again, it says so.
            await phone.GotoAsync(link);
            await Assertions.Expect(phone.Locator("#link-refused")).ToHaveAttributeAsync("data-state", "used");
        }
        finally
        {
            smtp.Kill(entireProcessTree: true);
            await smtp.WaitForExitAsync();
            Directory.Delete(Path.GetDirectoryName(maildir)!, recursive: true);
        }
    }

    /// <summary>The first message in the Maildir to <paramref name="to"/> that matches, within 30 s.</summary>
    private static async Task<MimeMessage> WaitForMailAsync(string maildir, string to, Func<MimeMessage, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var folder = Path.Combine(maildir, "new");
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)) && match(message))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"No matching e-mail to {to} was delivered within 30 s.");
    }

    [GeneratedRegex(@"https?://[^\s<>""]+/Account/SetPassword\?[^\s<>""]+")]
    private static partial Regex SetPasswordLink();
}
