using Learning.Data.Entities;
using Learning.Users.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Users.Pages.Account.Manage;

/// <summary>"Hồ sơ của tôi": anyone signed in changes their own name, phone, language and preferences.</summary>
[Authorize]
public sealed class IndexModel(UserManager<LearningUser> users, SignInManager<LearningUser> signIn, AccountProfileService profiles) : PageModel
{
    public ProfileView? Profile { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Profile = await profiles.LoadAsync(user, cancellationToken);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? displayName, string? phoneNumber, string? culture, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // Every module's preference posts under its own name; the service reads only the names it knows.
        var posted = Request.Form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString());
        Errors = await profiles.SaveAsync(user, new ProfileInput(displayName, phoneNumber, culture, posted), cancellationToken);
        if (Errors.Count > 0)
        {
            Profile = (await profiles.LoadAsync(user, cancellationToken)) with { DisplayName = displayName ?? "", PhoneNumber = phoneNumber };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        CultureCookie.Append(Response, user.PreferredCulture!);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { saved = true });
    }
}
