using Learning.Data;
using Learning.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Users.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<LearningUser> signIn, IAuditTrail audit, LearningDbContext db) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record("auth.signout", User.Identity.Name);
            await db.SaveChangesAsync(cancellationToken);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
