using Learning.Data;
using Learning.Data.Entities;
using Learning.Users.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Learning.Users.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(Startup.LoginRateLimitPolicy)]
public sealed class LoginModel(SignInManager<LearningUser> signIn, IAuditTrail audit, LearningDbContext db, IStringLocalizer<UsersStrings> t) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>Arrived from a set-password link that worked.</summary>
    public bool PasswordSet { get; private set; }

    public void OnGet(string? returnUrl, bool passwordSet)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        PasswordSet = passwordSet;
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, bool rememberMe, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        Email = email?.Trim();
        if (string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(password))
        {
            Error = t["Login.Required"];
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Email);
        if (user is null)
        {
            // As long as checking a real password: the answer's timing does not tell that the address has no account.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new(), DummyHash.Value, password);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            audit.Record("auth.signin", Email, actor: await signIn.CreateUserPrincipalAsync(user!));
            await db.SaveChangesAsync(cancellationToken);
            if (user!.PreferredCulture is { } culture)
            {
                CultureCookie.Append(Response, culture);
            }

            return LocalRedirect(ReturnUrl);
        }

        audit.Record(result.IsLockedOut ? "auth.signin.locked" : "auth.signin.failed", Email);
        await db.SaveChangesAsync(cancellationToken);
        // One answer for a wrong password, an unknown address and a locked account: the page never tells whether an account
        // exists (the audit trail, for administrators, does say which it was).
        Error = t["Login.Failed"];
        return Page();
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<LearningUser>().HashPassword(new(), Guid.NewGuid().ToString("N")));

    private string SafeReturnUrl(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}
