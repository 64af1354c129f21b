using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 13: a cadre completes a short readiness course that ends with a quiz, downloads the certificate, and the verification
/// page shows it valid; the manager revokes it, the page shows it revoked, the downloaded file uploaded says revoked, and a copy
/// with one byte changed says altered.
/// </summary>
public sealed partial class CertificateJourneyTests
{
    private const string Password = "Thunghiem2026x";
    private const string Cadre = "hoc.vien.cn@example.vn";
    private const string Manager = "ql.cn.nhatrang@example.vn";
    private const string CadreName = "Đặng Thị Ỷ Ngọc Diệp";

    [Fact]
    public async Task ReadinessCourseWithQuiz_CertificateDownloadedVerifiedRevokedAndAlteredCopyRefused()
    {
        var env = new Dictionary<string, string> { ["JOURNEY_PASSWORD"] = Password };
        await using var site = await RunningSite.StartWithRecipeAsync($$"""
        { "name": "certificate-journey", "steps": [
            { "name": "cadres", "cadres": [ { "email": "{{Cadre}}", "fullName": "{{CadreName}}", "position": "Công chức Văn phòng – Thống kê", "unit": "KH-NHATRANG-VP" } ] },
            { "name": "users", "users": [
                { "email": "{{Cadre}}", "displayName": "{{CadreName}}", "roles": ["Cadre"], "passwordEnv": "JOURNEY_PASSWORD" },
                { "email": "{{Manager}}", "displayName": "Quản lý Nha Trang", "roles": ["Manager"], "passwordEnv": "JOURNEY_PASSWORD" } ] },
            { "name": "scopes", "scopes": [ { "user": "{{Manager}}", "unit": "KH-NHATRANG" } ] },
            { "name": "quizzes", "quizzes": [ { "key": "kt-san-sang-cn", "title": "Kiểm tra sẵn sàng ký số", "attempts": 0, "passPercent": 60, "questionsPerPage": 3,
                "slots": [ { "random": 3, "category": "Sẵn sàng ký số", "mark": 1 } ] } ] },
            { "name": "courses", "courses": [ { "slug": "san-sang-ky-so-ngan", "title": "Sẵn sàng sử dụng chữ ký số", "estimatedHours": 2, "publish": true, "modules": [
                { "key": "m1", "title": "Học và kiểm tra", "lessons": [
                    { "key": "bai-doc", "title": "Chữ ký số là gì", "kind": "article", "markdown": "Chữ ký số giúp ký văn bản điện tử.", "minutes": 5 },
                    { "key": "bai-kiem-tra", "title": "Bài kiểm tra", "kind": "quiz", "reference": "kt-san-sang-cn", "required": true, "minutes": 10 } ] } ] } ] },
            { "name": "assignments", "assignments": [ { "course": "san-sang-ky-so-ngan", "target": "unit", "value": "KH-NHATRANG-VP", "dueDays": 30 } ] } ] }
        """, env);
        var bank = QuizOfflineTests.ReadBank();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Journey.SignInAsync(page, Cadre, Password);

        // The reading, then the quiz: passed, the course is complete.
        await page.GotoAsync("/Courses/san-sang-ky-so-ngan/bai-doc");
        await page.GotoAsync("/Courses/san-sang-ky-so-ngan/bai-kiem-tra");
        await page.ClickAsync("#quiz-start");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Quizzes/Attempt/"));
        var questions = page.Locator("fieldset.question");
        for (var i = 0; i < 3; i++)
        {
            await QuizOfflineTests.AnswerAsync(questions.Nth(i), bank);
        }

        await Assertions.Expect(page.Locator("#save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        await page.ClickAsync("#attempt-submit");
        await page.ClickAsync("#summary-submit");
        await Assertions.Expect(page.Locator("#review-outcome")).ToContainTextAsync("Chúc mừng, bạn đã đạt");

        // The certificate is issued by a job: My certificates shows it within moments.
        await page.GotoAsync("/Certificates");
        var card = page.Locator("#certificates li.card");
        for (var i = 0; i < 30 && await card.CountAsync() == 0; i++)
        {
            await page.WaitForTimeoutAsync(1000);
            await page.ReloadAsync();
        }

        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToContainTextAsync("Sẵn sàng sử dụng chữ ký số");
        await Assertions.Expect(card.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "valid");
        var serial = await card.GetAttributeAsync("data-serial");
        Assert.Matches("^CN-\\d{4}-[0-9A-Z]{7}$", serial);
        await Browser.ScreenshotAsync(page, "13-my-certificates-360");
        await AssertFitsThePhoneAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => card.Locator("a[download]").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        var pdf = await File.ReadAllBytesAsync(file);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));

        // The verification page, as the QR code opens it.
        await card.Locator("a[href^='/verify/']").ClickAsync();
        await Assertions.Expect(page.Locator("#certificate-facts")).ToHaveAttributeAsync("data-status", "valid");
        await Assertions.Expect(page.Locator("#holder")).ToHaveTextAsync(CadreName);
        await Browser.ScreenshotAsync(page, "13-verify-valid-360");
        await AssertFitsThePhoneAsync(page);
        await Journey.SignOutAsync(page);

        // The manager revokes it, with a reason.
        await Journey.SignInAsync(page, Manager, Password);
        await page.GotoAsync("/Admin/Certificates/Issued/" + serial);
        await page.FillAsync("#revoke-form textarea[name=reason]", "Kết quả kiểm tra bị hủy");
        await page.ClickAsync("#revoke");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Đã thu hồi");
        await Journey.SignOutAsync(page);

        await page.GotoAsync("/verify/" + serial);
        await Assertions.Expect(page.Locator("#certificate-facts")).ToHaveAttributeAsync("data-status", "revoked");
        await Assertions.Expect(page.Locator("#status-text")).ToContainTextAsync("Kết quả kiểm tra bị hủy");

        // The downloaded file, uploaded: ours, unaltered, and revoked.
        await page.GotoAsync("/verify");
        await page.SetInputFilesAsync("#upload-form input[type=file]", file);
        await page.ClickAsync("#upload");
        await Assertions.Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "ours");
        await Assertions.Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-status", "revoked");
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("THU HỒI");
        await Browser.ScreenshotAsync(page, "13-verify-upload-revoked-360");

        // A copy with one byte changed inside the signed part.
        var range = ByteRange().Match(System.Text.Encoding.Latin1.GetString(pdf));
        Assert.True(range.Success, "no /ByteRange");
        var at = int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 2;
        pdf[at] ^= 0x20;
        var altered = Path.Combine(Path.GetTempPath(), $"certificate-altered-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(altered, pdf);
        await page.SetInputFilesAsync("#upload-form input[type=file]", altered);
        await page.ClickAsync("#upload");
        await Assertions.Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "altered");
        await Browser.ScreenshotAsync(page, "13-verify-upload-altered-360");
        await AssertFitsThePhoneAsync(page);

        // The desktop view of the verification page.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/verify/" + serial);
        await Browser.ScreenshotAsync(page, "13-verify-revoked-desktop");
        File.Delete(file);
        File.Delete(altered);
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px phone");
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*0\s+(\d+)")]
    private static partial Regex ByteRange();
}
