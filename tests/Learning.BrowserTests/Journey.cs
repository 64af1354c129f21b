using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Learning.BrowserTests;

/// <summary>Steps the journeys share, done the way a person does them.</summary>
public static class Journey
{
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-form input[name=email]", email);
        await page.FillAsync("#login-form input[name=password]", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("a.logout");
        await page.ClickAsync("#logout-form button");
    }

    /// <summary>On a course's edit page: publish version 1, then assign the course to a unit.</summary>
    public static async Task PublishAndAssignAsync(IPage page, string unitCode)
    {
        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator("#edit-message")).ToContainTextAsync("Đã xuất bản phiên bản 1");
        await page.ClickAsync("#assign");
        await page.CheckAsync("#assign-form input[name=target][value=Unit]");
        await page.SelectOptionAsync("#assign-form select[name=unit]", unitCode);
        await page.ClickAsync("#assign-submit");
        await Assertions.Expect(page.Locator("#assign-message")).ToContainTextAsync("Đã giao");
    }

    /// <summary>A page that fits its viewport: nothing to scroll sideways (a 360-px phone).</summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"the page scrolls sideways by {overflow} px at {page.ViewportSize?.Width} px");
    }
}
