using Learning.Data.Entities;
using Learning.Users.Services;
using Learning.Users.Services.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Users.Pages.Account;

/// <summary>
/// Where an invitation or a password-reset link leads: the form to choose a password, or, for a link that expired, was used
/// or is not one of ours, what happened and where to ask for a new one. Setting the password ends every session of the
/// account (a new security stamp, which also makes the link useless) and sends the person to sign in with it.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.LoginRateLimitPolicy)]
public sealed class SetPasswordModel(AccountLinks links, SignInManager<LearningUser> signIn, IOptions<IdentityOptions> identity, IStringLocalizer<UsersStrings> t) : PageModel
{
    public AccountLinkState State { get; private set; }

    public string? Email { get; private set; }

    public string? UserId { get; private set; }

    public string? Token { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public int MinLength => identity.Value.Password.RequiredLength;

    public async Task OnGetAsync(string? user, string? token)
    {
        NoLeaks();
        await CheckAsync(user, token);
    }

    public async Task<IActionResult> OnPostAsync(string? user, string? token, string? newPassword, string? confirmPassword, CancellationToken cancellationToken)
    {
        NoLeaks();
        await CheckAsync(user, token);
        if (State != AccountLinkState.Valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (string.IsNullOrEmpty(newPassword) || newPassword != confirmPassword)
        {
            Errors = [string.IsNullOrEmpty(newPassword) ? t["SetPassword.Required"] : t["Account.PasswordMismatch"]];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (state, errors) = await links.SetPasswordAsync(user, token, newPassword, cancellationToken);
        if (state != AccountLinkState.Valid || errors.Count > 0)
        {
            State = state;
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Whoever was signed in on this browser (the same person's old session, or someone else's) is signed out.
        if (User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync();
        }

        return Redirect("/Account/Login?passwordSet=true");
    }

    private async Task CheckAsync(string? user, string? token)
    {
        var (account, state) = await links.CheckAsync(user, token);
        State = state;
        if (state == AccountLinkState.Valid)
        {
            (Email, UserId, Token) = (account!.Email, account.Id, token);
        }
    }

    /// <summary>The token is in the address: it must not travel to another site in a Referer, nor stay in a shared cache.</summary>
    private void NoLeaks()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
    }
}
