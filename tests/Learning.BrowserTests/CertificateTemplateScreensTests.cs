using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>
/// Issue 13: the certificate template editor (list, edit with its live PDF preview) with long Vietnamese names, at 360 px and
/// on a desktop; screenshots artifacts/screenshots/13-template-*.png for a person to look at.
/// </summary>
public sealed class CertificateTemplateScreensTests
{
    private const string Admin = "qt@example.vn";
    private const string Password = "Quantri2026x";
    private const string LongName = "Mẫu giấy chứng nhận hoàn thành chương trình bồi dưỡng kỹ năng chuyển đổi số cho cán bộ, công chức cấp xã, phường, đặc khu năm 2026";
    private const string LongSignatory = "Tôn Nữ Huyền Trâm Nguyễn Thị Ngọc Diệp";

    [Fact]
    public async Task TemplateListAndEditor_LongVietnameseNames_At360AndDesktop()
    {
        await using var site = await RunningSite.StartAsync(null,
            ["setup", "--recipe", "setup", "--admin-email", Admin, "--admin-password", Password]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await Browser.PhonePageAsync(browser, site.BaseUrl);
        await Journey.SignInAsync(page, Admin, Password);

        // A template for a course of the setup recipe, with a long name.
        await page.GotoAsync("/Admin/Certificates/Templates");
        await page.FillAsync("#template-new input[name=NewName]", LongName);
        await ChooseSubjectAsync(page);
        await page.ClickAsync("#template-new button[type=submit]");
        await Assertions.Expect(page.Locator("#template-form")).ToBeVisibleAsync();

        // Long agency, place, signatories; portrait; saved.
        await page.FillAsync("#template-form textarea[name='Draft.Agency']", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\nSỞ NỘI VỤ — TRUNG TÂM BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC VÀ CHUYỂN ĐỔI SỐ");
        await page.SelectOptionAsync("#template-form select[name='Draft.Orientation']", "Portrait");
        await page.FillAsync("#template-form textarea[name='Draft.SignatoryTitles[0]']", "KT. GIÁM ĐỐC SỞ NỘI VỤ\nPHÓ GIÁM ĐỐC");
        await page.FillAsync("#template-form input[name='Draft.SignatoryNames[0]']", LongSignatory);
        await page.FillAsync("#template-form textarea[name='Draft.SignatoryTitles[1]']", "GIÁM ĐỐC TRUNG TÂM BỒI DƯỠNG");
        await page.FillAsync("#template-form input[name='Draft.SignatoryNames[1]']", "Đặng Vũ Hoàng Thượng Ỷ Lan");
        await page.ClickAsync("#template-save");
        await Assertions.Expect(page.Locator("#template-message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#template-name")).ToHaveTextAsync(LongName);
        // A phone has no PDF viewer inside a page: the preview opens in a tab (the frame is hidden there).
        await Assertions.Expect(page.Locator("#certificate-preview")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#template-preview-tab")).ToBeVisibleAsync();
        var tab = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#template-preview-tab"));
        await tab.CloseAsync();
        // The two-line signatory title was kept as typed.
        await Assertions.Expect(page.Locator("#template-form textarea[name='Draft.SignatoryTitles[0]']")).ToHaveValueAsync("KT. GIÁM ĐỐC SỞ NỘI VỤ\nPHÓ GIÁM ĐỐC");
        await Journey.AssertNoHorizontalScrollAsync(page);
        await Browser.ScreenshotAsync(page, "13-template-edit-360");

        await page.GotoAsync("/Admin/Certificates/Templates");
        await Assertions.Expect(page.Locator("#certificate-templates")).ToContainTextAsync(LongName);
        await Journey.AssertNoHorizontalScrollAsync(page);
        await Browser.ScreenshotAsync(page, "13-template-list-360");

        await page.SetViewportSizeAsync(1280, 800);
        await page.ReloadAsync();
        await Browser.ScreenshotAsync(page, "13-template-list-desktop");
        await page.ClickAsync($"#certificate-templates tr:has-text('{LongName[..30]}') a");
        await Assertions.Expect(page.Locator("#template-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#certificate-preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#template-preview-tab")).ToBeHiddenAsync();
        var frame = await page.Locator("#certificate-preview").BoundingBoxAsync();
        Assert.True(frame!.Height > frame.Width, $"a portrait template's preview is taller than wide ({frame.Width}×{frame.Height})");
        await page.WaitForTimeoutAsync(1500); // the preview frame loads its PDF
        await Journey.AssertNoHorizontalScrollAsync(page);
        await Browser.ScreenshotAsync(page, "13-template-edit-desktop");
    }

    /// <summary>Picks the first course the create form offers (a list of courses and paths by name).</summary>
    private static async Task ChooseSubjectAsync(IPage page)
    {
        var select = page.Locator("#template-new select[name=NewSubject]");
        var first = await select.Locator("option[value^='course:']").First.GetAttributeAsync("value");
        await select.SelectOptionAsync(first!);
    }
}
