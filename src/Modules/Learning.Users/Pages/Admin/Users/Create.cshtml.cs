using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Users.Pages.Admin.Users;

[RequirePermission(Permissions.Names.ManageUsers)]
public sealed class CreateModel(UserManager<LearningUser> users, LearningDbContext db, IAuditTrail audit, IOptions<SecurityOptions> security, IStringLocalizer<UsersStrings> t, TimeProvider clock) : PageModel
{
    public string? Email { get; private set; }

    public string? DisplayName { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [LearningRoles.Cadre];

    public List<string> Errors { get; } = [];

    public int MinLength => security.Value.PasswordMinLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? displayName, string? password, string[]? roles, CancellationToken cancellationToken)
    {
        Email = email?.Trim();
        DisplayName = displayName?.Trim();
        Roles = (roles ?? []).Where(LearningRoles.All.Contains).Distinct().ToList();
        if (Roles.Contains(LearningRoles.Administrator) && !User.IsInRole(LearningRoles.Administrator))
        {
            Errors.Add(t["Users.AdministratorOnly"]);
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
            return Page();
        }

        if (string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(DisplayName) || string.IsNullOrEmpty(password))
        {
            Errors.Add(t["Users.Required"]);
            return Page();
        }

        return await db.RetryingAsync<IActionResult>(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var user = new LearningUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = DisplayName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded && Roles.Count > 0)
            {
                result = await users.AddToRolesAsync(user, Roles);
            }

            if (!result.Succeeded)
            {
                Errors.AddRange(result.Errors.Select(e => e.Description));
                return Page(); // the transaction is disposed uncommitted: nothing of the account stays
            }

            audit.Record("users.created", Email, string.Join(",", Roles));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Redirect($"/Admin/Users/Edit/{user.Id}?created=1");
        }, cancellationToken);
    }
}
