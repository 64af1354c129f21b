using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
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
/// Asks for a password-reset link by e-mail. The answer is the same whether the address has an account or not (the page
/// never tells who has one; the audit trail does, for administrators), and posts count against the sign-in rate limit.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Startup.LoginRateLimitPolicy)]
public sealed class ForgotPasswordModel(
    UserManager<LearningUser> users,
    AccountLinks links,
    IAuditTrail audit,
    LearningDbContext db,
    IOptions<PasswordResetTokenOptions> resetOptions,
    IStringLocalizer<UsersStrings> t) : PageModel
{
    public string? Email { get; private set; }

    public string? Error { get; private set; }

    public bool Sent { get; private set; }

    public int LifetimeHours => (int)Math.Round(resetOptions.Value.TokenLifespan.TotalHours);

    public void OnGet(bool sent) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken cancellationToken)
    {
        Email = email?.Trim();
        if (string.IsNullOrEmpty(Email) || !ContactFormats.IsEmail(Email) || Email.Length > 256)
        {
            Error = t["Forgot.EmailRequired"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        if (user is null || !await links.SendPasswordResetAsync(user))
        {
            audit.Record("users.password_reset.requested", Email, user is null ? "không có tài khoản với địa chỉ này" : "không gửi được");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/Account/ForgotPassword?sent=true");
    }
}
