using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Users.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Users.Pages.Account;

/// <summary>Switches the UI language: a cookie for everyone, and the account's preference for a signed-in user.</summary>
[AllowAnonymous]
public sealed class CultureModel(UserManager<LearningUser> users, LearningDbContext db) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? culture, string? returnUrl, CancellationToken cancellationToken) => SwitchAsync(culture, returnUrl, cancellationToken);

    public Task<IActionResult> OnPostAsync(string? culture, string? returnUrl, CancellationToken cancellationToken) => SwitchAsync(culture, returnUrl, cancellationToken);

    /// <summary>A GET as well as a POST: the layout links to it without a form, so pages need no antiforgery token. The worst a
    /// forged request can do is switch someone's language.</summary>
    private async Task<IActionResult> SwitchAsync(string? culture, string? returnUrl, CancellationToken cancellationToken)
    {
        var chosen = LocalTime.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? LocalTime.SupportedCultures[0].Name;
        CultureCookie.Append(Response, chosen);
        if (await users.GetUserAsync(User) is { } user && user.PreferredCulture != chosen)
        {
            user.PreferredCulture = chosen;
            await db.SaveChangesAsync(cancellationToken);
        }

        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
