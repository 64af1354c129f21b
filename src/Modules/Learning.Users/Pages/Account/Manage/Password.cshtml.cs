using Learning.Data.Entities;
using Learning.Users.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Learning.Users.Pages.Account.Manage;

/// <summary>
/// Changes one's own password. The current password is required (a borrowed, unlocked phone is not enough); guessing it
/// counts towards the lockout and the login rate limit. Other sessions of the account end at their next request (the
/// security stamp rotates); this one stays signed in.
/// </summary>
[Authorize]
[EnableRateLimiting(Startup.LoginRateLimitPolicy)]
public sealed class PasswordModel(UserManager<LearningUser> users, SignInManager<LearningUser> signIn, AccountProfileService profiles, IOptions<IdentityOptions> identity) : PageModel
{
    public int MinLength => identity.Value.Password.RequiredLength;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Changed { get; private set; }

    public void OnGet(bool changed) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, string? confirmPassword)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var (outcome, errors) = await profiles.ChangePasswordAsync(user, currentPassword, newPassword, confirmPassword);
        switch (outcome)
        {
            case PasswordChange.Changed:
                await signIn.RefreshSignInAsync(user);
                return RedirectToPage(new { changed = true });
            case PasswordChange.LockedOut:
                await signIn.SignOutAsync();
                return Redirect("/Account/Login");
            default:
                Errors = errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
